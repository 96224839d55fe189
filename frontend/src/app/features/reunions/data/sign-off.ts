import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { TranslocoService } from '@jsverse/transloco';
import { ProblemService } from '@hw/core/auth/problem.service';
import { EMPTY, type Observable, catchError, switchMap, tap } from 'rxjs';
import { askSignOff } from '../components/sign-off-dialog';
import { ReunionErrors } from './reunion-errors';
import { ReunionsApiService } from './reunions-api.service';
import type { Reunion } from './reunions-api.service';

/** Asks for the supervisor's note (a reason to reject), then signs the reunion off; emits the updated reunion. */
@Injectable({ providedIn: 'root' })
export class SignOffFlow {
  private readonly dialog = inject(MatDialog);
  private readonly api = inject(ReunionsApiService);
  private readonly problems = inject(ProblemService);
  private readonly transloco = inject(TranslocoService);
  private readonly errors = inject(ReunionErrors);

  run(reunion: { id: string; caseNumber: string }, evidence: string, decision: 'verify' | 'reject'): Observable<Reunion> {
    return askSignOff(this.dialog, { decision, caseNumber: reunion.caseNumber, evidence }).pipe(
      switchMap((note) => (note === undefined ? EMPTY : this.api.signOff(reunion.id, decision, note || undefined))),
      tap(() => this.problems.notify(this.transloco.translate(`reunions.signOff.${decision}Done`))),
      catchError((error: unknown) => {
        this.errors.show(error);
        return EMPTY;
      }),
    );
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access } from '../../access/access-context.decorator';
import type { AccessContext } from '../../access/actor';
import { Authorize } from '../../access/authorize.decorator';
import { AuditService } from '../../audit/audit.service';
import { Problem } from '../../common/problem';
import {
  calculateKinship,
  type KinshipInput,
  KinshipInputError,
  RELATIONSHIPS,
} from '../kinship';

class MutationModelDto {
  @ApiProperty({ enum: ['equal', 'proportional', 'stepwise'] }) model: string;
  @ApiProperty() rate: number;
  @ApiPropertyOptional() rate2?: number;
  @ApiPropertyOptional() range?: number;
}

export class KinshipCalculateRequestDto {
  @ApiProperty({
    description:
      '{ "<locus>": { "<allele>": frequency } }, used exactly as given',
    example: { TH01: { '6': 0.1, '9.3': 0.9 } },
  })
  frequencies: Record<string, Record<string, number>>;
  @ApiProperty({ enum: RELATIONSHIPS }) relationship: string;
  @ApiPropertyOptional({ type: MutationModelDto, nullable: true })
  mutation?: MutationModelDto | null;
  @ApiPropertyOptional({ default: 0 }) theta?: number;
  @ApiProperty({
    description:
      '{ child, alleged } or { child, mother, father }: { "<locus>": ["<a1>", "<a2>"] }',
  })
  profiles: Record<string, Record<string, string[]>>;
}

export class KinshipCalculateResponseDto {
  @ApiProperty() lr: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'null when the LR is 0',
  })
  log10Lr: number | null;
  @ApiProperty({ type: Object, description: '{ "<locus>": LR }' })
  perLocus: Record<string, number>;
  @ApiProperty() inconsistentLoci: number;
  @ApiProperty() lociCompared: number;
  @ApiProperty({
    description: 'At prior 0.5: only meaningful for this one-to-one comparison',
  })
  posterior: number;
}

/** The stateless kinship calculator (issue 4 §4): nothing is stored; the call is audited without the alleles. */
@ApiTags('dna')
@Controller('dna/kinship')
export class CalculatorController {
  constructor(private readonly audit: AuditService) {}

  @Post('calculate')
  @HttpCode(200)
  @Authorize('create', 'KinshipCalculation')
  @ApiBody({ type: KinshipCalculateRequestDto })
  @ApiOkResponse({ type: KinshipCalculateResponseDto })
  @ApiUnprocessableEntityResponse({
    description:
      'The input is inconsistent; `errors` lists each {field, message}',
  })
  async calculate(
    @Access() access: AccessContext,
    @Body() body: Record<string, unknown>,
  ): Promise<KinshipCalculateResponseDto> {
    try {
      const result = calculateKinship(body as unknown as KinshipInput);
      await this.audit.record(access, {
        action: 'dna.kinship.calculate',
        entityType: 'KinshipCalculation',
        details: {
          relationship: body['relationship'],
          mutation:
            (body['mutation'] as { model?: string } | null)?.model ?? null,
          theta: body['theta'] ?? 0,
          lociCompared: result.lociCompared,
        },
      });
      return {
        lr: result.lr,
        log10Lr: result.log10Lr,
        perLocus: result.perLocus,
        inconsistentLoci: result.inconsistentLoci,
        lociCompared: result.lociCompared,
        posterior: result.posterior,
      };
    } catch (error) {
      if (error instanceof KinshipInputError) {
        throw new Problem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          `The calculation input has ${error.issues.length} problem(s): ${error.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}.`,
          {
            code: 'KINSHIP_INPUT_INVALID',
            errors: error.issues.map((i) => ({
              field: i.field,
              message: i.message,
            })),
          },
        );
      }
      throw error;
    }
  }
}

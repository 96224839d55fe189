import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AccessContext } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { Problem, RecordNotFound } from '../../common/problem';
import {
  adjustFrequencyTable,
  createFrequencyTable,
  type FrequencyFloor,
  type FrequencyTable,
  parseFrequencyCsv,
} from '../kinship';
import { FrequencyTableEntity } from './frequency-table.entity';
import {
  type FrequencyTableDetailDto,
  type FrequencyTableDto,
  type ImportFrequencyTableDto,
  mapFrequencyTable,
  mapFrequencyTableDetail,
} from './frequency-tables.dto';

export function floorOf(t: FrequencyTableEntity): FrequencyFloor {
  return t.floorKind === 'fixed'
    ? { kind: 'fixed', value: t.floorValue as number }
    : { kind: 'sampleSize' };
}

export function rawTableOf(t: FrequencyTableEntity): FrequencyTable {
  return createFrequencyTable(t.population, t.loci);
}

/** Per-population allele frequencies, versioned by content hash (issue 4 §3, KINSHIP.md §A.6). */
@Injectable()
export class FrequencyTablesService {
  constructor(
    @InjectRepository(FrequencyTableEntity)
    private readonly tables: Repository<FrequencyTableEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<FrequencyTableDto[]> {
    const rows = await this.tables.find({
      order: { searchDefault: 'DESC', createdAt: 'DESC' },
    });
    return rows.map(mapFrequencyTable);
  }

  async get(id: string): Promise<FrequencyTableDetailDto> {
    return mapFrequencyTableDetail(await this.load(id));
  }

  async load(id: string): Promise<FrequencyTableEntity> {
    const table = await this.tables.findOneBy({ id });
    if (!table) throw new RecordNotFound('frequency table');
    return table;
  }

  /** The table the database search uses, or null when none is marked. */
  searchDefault(): Promise<FrequencyTableEntity | null> {
    return this.tables.findOneBy({ searchDefault: true });
  }

  /** Every locus of every stored table: the loci a profile import recognises. */
  async knownLoci(): Promise<Set<string>> {
    const rows: { locus: string }[] = await this.tables.query(
      `SELECT DISTINCT jsonb_object_keys(loci) AS locus FROM dna_frequency_tables`,
    );
    return new Set(rows.map((r) => r.locus));
  }

  async import(
    access: AccessContext,
    dto: ImportFrequencyTableDto,
  ): Promise<FrequencyTableDetailDto> {
    let parsed: FrequencyTable[];
    try {
      parsed = parseFrequencyCsv(dto.csv);
    } catch (error) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `The CSV cannot be read: ${(error as Error).message}`,
        {
          code: 'FREQUENCY_CSV_INVALID',
          errors: [{ field: 'csv', message: (error as Error).message }],
        },
      );
    }
    const table = parsed.find((t) => t.population === dto.population);
    if (!table) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `The CSV has no population "${dto.population}"; it has ${parsed.map((t) => `"${t.population}"`).join(', ')}.`,
        {
          code: 'FREQUENCY_POPULATION_MISSING',
          errors: [{ field: 'population', message: 'not in the CSV' }],
        },
      );
    }
    const floor: FrequencyFloor =
      dto.floor.kind === 'fixed'
        ? { kind: 'fixed', value: this.requireFixedValue(dto.floor.value) }
        : { kind: 'sampleSize' };
    const errors = this.checkTable(table, floor);
    if (errors.length > 0) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        `The table cannot be used: ${errors.map((e) => e.message).join('; ')}.`,
        {
          code: 'FREQUENCY_TABLE_INVALID',
          errors,
        },
      );
    }
    if (await this.tables.existsBy({ version: table.version })) {
      throw new Problem(
        HttpStatus.CONFLICT,
        `This exact table (version ${table.version}) is already imported.`,
        { code: 'FREQUENCY_TABLE_EXISTS' },
      );
    }
    const id = await this.tables.manager.transaction(async (manager) => {
      if (dto.searchDefault)
        await manager.update(
          FrequencyTableEntity,
          { searchDefault: true },
          { searchDefault: false },
        );
      const saved = await manager.save(
        manager.create(FrequencyTableEntity, {
          name: dto.name,
          population: dto.population,
          source: dto.source ?? '',
          note: dto.note ?? '',
          placeholder: dto.placeholder ?? false,
          version: table.version,
          floorKind: floor.kind,
          floorValue: floor.kind === 'fixed' ? floor.value : null,
          loci: table.loci as FrequencyTableEntity['loci'],
          locusCount: Object.keys(table.loci).length,
          searchDefault: dto.searchDefault ?? false,
          createdBy: access.actor.id,
        }),
      );
      await this.audit.record(
        access,
        {
          action: 'dna.frequency_table.import',
          entityType: 'FrequencyTable',
          entityId: saved.id,
          details: {
            name: dto.name,
            population: dto.population,
            version: table.version,
            loci: Object.keys(table.loci).length,
            searchDefault: !!dto.searchDefault,
          },
        },
        manager,
      );
      return saved.id;
    });
    return this.get(id);
  }

  async makeSearchDefault(
    access: AccessContext,
    id: string,
  ): Promise<FrequencyTableDto> {
    const table = await this.load(id);
    await this.tables.manager.transaction(async (manager) => {
      await manager.update(
        FrequencyTableEntity,
        { searchDefault: true },
        { searchDefault: false },
      );
      await manager.update(
        FrequencyTableEntity,
        { id },
        { searchDefault: true },
      );
      await this.audit.record(
        access,
        {
          action: 'dna.frequency_table.search_default',
          entityType: 'FrequencyTable',
          entityId: id,
          details: { version: table.version },
        },
        manager,
      );
    });
    return mapFrequencyTable(await this.load(id));
  }

  private requireFixedValue(value: number | undefined): number {
    if (value === undefined) {
      throw new Problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'A fixed floor needs a value, e.g. 0.001.',
        {
          code: 'FREQUENCY_FLOOR_VALUE',
          errors: [
            {
              field: 'floor.value',
              message: 'required when floor.kind is fixed',
            },
          ],
        },
      );
    }
    return value;
  }

  /** The policy must be applicable: 5/(2N) needs 2N for every locus; sums near 1. */
  private checkTable(
    table: FrequencyTable,
    floor: FrequencyFloor,
  ): { field: string; message: string }[] {
    const errors: { field: string; message: string }[] = [];
    try {
      adjustFrequencyTable(table, { floor });
    } catch (error) {
      errors.push({ field: 'floor.kind', message: (error as Error).message });
    }
    for (const [locus, f] of Object.entries(table.loci)) {
      const sum = f.frequencies.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 0.01)
        errors.push({
          field: `csv.${locus}`,
          message: `frequencies of ${locus} sum to ${sum.toFixed(4)}, not 1`,
        });
      const seen = new Set<string>();
      for (const allele of f.alleles) {
        if (!/^\d{1,3}(\.\d)?$/.test(allele))
          errors.push({
            field: `csv.${locus}`,
            message: `allele "${allele}" of ${locus} is not a repeat number like 9 or 9.3`,
          });
        if (seen.has(allele))
          errors.push({
            field: `csv.${locus}`,
            message: `allele ${allele} of ${locus} is listed twice`,
          });
        seen.add(allele);
      }
    }
    return errors;
  }
}

import { readFileSync } from 'node:fs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assetPath } from '../../common/assets';
import { type FrequencyTable, parseFrequencyCsv } from '../../dna/kinship';

/** Reference frequency tables shipped with the server (reference data, not demo data). */
const SEED_TABLES = [
  {
    file: 'nist1036_us_2017revised.csv',
    population: 'Asian',
    name: 'NIST 1036 Asian (US, 2017 revised)',
    source:
      'NIST SRM 1036, Hill et al. 2013 / Steffen et al. 2017 (public domain), via mkruijver/forensicpopdata',
    placeholder: true,
    note: 'Placeholder until a Han Chinese table is imported: 97 US Asian-American individuals, but the only complete table for Chinese kits (incl. D6S1043).',
    floor: { kind: 'sampleSize' },
    searchDefault: true,
  },
  {
    file: 'norstr_v2023.csv',
    population: 'East Asia',
    name: 'norSTR East Asia (v2023)',
    source: 'norSTR v2023, Oslo University Hospital (MIT), via magnusdv/norSTR',
    placeholder: false,
    note: 'Sample sizes are not published; minimum frequency 0.001 already applied by the source. No D6S1043.',
    floor: { kind: 'fixed', value: 0.001 },
    searchDefault: false,
  },
] as const;

/**
 * The DNA module: frequency tables, samples with consent and chain of custody, STR profiles and their
 * imports, kinship matches. Seeds the two reference frequency tables.
 */
export class Dna1764650000000 implements MigrationInterface {
  name = 'Dna1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dna_frequency_tables (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name            text NOT NULL,
        population      text NOT NULL,
        source          text NOT NULL DEFAULT '',
        note            text NOT NULL DEFAULT '',
        placeholder     boolean NOT NULL DEFAULT false,
        -- Content hash of the raw table (population, loci, alleles, frequencies, 2N).
        version         text NOT NULL UNIQUE,
        floor_kind      text NOT NULL CHECK (floor_kind IN ('sampleSize', 'fixed')),
        floor_value     double precision CHECK (floor_value IS NULL OR (floor_value > 0 AND floor_value < 1)),
        -- { "<locus>": { "alleles": [...], "frequencies": [...], "sampledChromosomes": n|null } }, as imported.
        loci            jsonb NOT NULL,
        locus_count     integer NOT NULL,
        search_default  boolean NOT NULL DEFAULT false,
        created_by      uuid REFERENCES users(id) ON DELETE RESTRICT,
        created_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX dna_frequency_tables_one_search_default ON dna_frequency_tables (search_default) WHERE search_default;

      CREATE TABLE dna_samples (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        barcode                     text NOT NULL UNIQUE CHECK (barcode ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$'),
        kind                        text NOT NULL CHECK (kind IN ('family_reference', 'child')),
        donor_relationship          text CHECK (donor_relationship IN ('mother', 'father', 'full_sibling', 'half_sibling', 'grandparent', 'uncle_aunt')),
        -- The missing-child file (cases.id); no foreign key until the files module is in place everywhere.
        case_id                     uuid,
        -- The rescued-child record (a later issue); no foreign key yet.
        rescued_child_id            uuid,
        child_description           text NOT NULL DEFAULT '',
        -- SecretBox-sealed JSON {name, idNumber, phone}: lab technicians only, every view audited.
        donor_identity_sealed       text,
        consent_given_by            text NOT NULL,
        consent_given_at            timestamptz NOT NULL,
        consent_scope               text NOT NULL CHECK (consent_scope = 'search_for_missing_children'),
        consent_form_attachment_id  uuid,
        collecting_organisation_id  uuid NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
        jurisdiction_id             uuid NOT NULL REFERENCES jurisdictions(id) ON DELETE RESTRICT,
        jurisdiction_path           text NOT NULL,
        retention_until             date NOT NULL,
        custody_state               text NOT NULL CHECK (custody_state IN ('collected', 'sealed', 'shipped', 'received', 'profiled', 'stored', 'destroyed')),
        created_by                  uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        version                     integer NOT NULL DEFAULT 1,
        CHECK ((kind = 'family_reference') = (donor_relationship IS NOT NULL)),
        CHECK (kind = 'child' OR case_id IS NOT NULL)
      );
      CREATE INDEX dna_samples_path_idx ON dna_samples (jurisdiction_path text_pattern_ops);
      CREATE INDEX dna_samples_case_idx ON dna_samples (case_id) WHERE case_id IS NOT NULL;

      CREATE TABLE dna_custody_events (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sample_id    uuid NOT NULL REFERENCES dna_samples(id) ON DELETE RESTRICT,
        seq          integer NOT NULL,
        event        text NOT NULL CHECK (event IN ('collected', 'sealed', 'shipped', 'received', 'profiled', 'stored', 'destroyed')),
        occurred_at  timestamptz NOT NULL,
        location     text NOT NULL,
        note         text NOT NULL DEFAULT '',
        actor_id     uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        actor_name   text NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (sample_id, seq)
      );

      CREATE TABLE dna_profile_imports (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        format        text NOT NULL CHECK (format IN ('long', 'wide')),
        file_name     text NOT NULL DEFAULT '',
        kit           text NOT NULL DEFAULT '',
        status        text NOT NULL CHECK (status IN ('validated', 'committing', 'committed', 'failed')),
        rows          integer NOT NULL,
        problems      jsonb NOT NULL,
        -- Parsed profiles waiting for the commit: [{ barcode, loci, sex, review }]; cleared once committed.
        payload       jsonb,
        total         integer NOT NULL,
        processed     integer NOT NULL DEFAULT 0,
        error         text,
        created_by    uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        jurisdiction_path text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        committed_at  timestamptz
      );

      CREATE TABLE dna_profiles (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Monotonic: replicas bring their in-memory search index up to date with "seq > last seen".
        seq           bigserial NOT NULL UNIQUE,
        sample_id     uuid NOT NULL UNIQUE REFERENCES dna_samples(id) ON DELETE RESTRICT,
        kit           text NOT NULL DEFAULT '',
        -- { "<canonical locus>": ["<a1>", "<a2>"] }, alleles as exact strings, AMEL not included.
        loci          jsonb NOT NULL,
        sex_marker    text,
        needs_review  boolean NOT NULL DEFAULT false,
        review_notes  jsonb NOT NULL DEFAULT '[]',
        import_id     uuid REFERENCES dna_profile_imports(id) ON DELETE RESTRICT,
        searched_at   timestamptz,
        created_by    uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dna_profiles_unsearched_idx ON dna_profiles (seq) WHERE searched_at IS NULL;

      CREATE TABLE kinship_matches (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_sample_id             uuid NOT NULL REFERENCES dna_samples(id) ON DELETE RESTRICT,
        reference_sample_id         uuid NOT NULL REFERENCES dna_samples(id) ON DELETE RESTRICT,
        -- The father's sample when the match is for both parents together (trio_both); reference = mother.
        second_reference_sample_id  uuid REFERENCES dna_samples(id) ON DELETE RESTRICT,
        case_id                     uuid,
        relationship                text NOT NULL CHECK (relationship IN ('parent_child', 'full_sibling', 'trio_both')),
        log10_lr                    double precision,
        -- log10 LR per relationship scored (null = LR 0).
        log10_lr_by_relationship    jsonb NOT NULL,
        per_locus                   jsonb NOT NULL,
        inconsistent_loci           integer NOT NULL,
        loci_compared               integer NOT NULL,
        conclusion                  text NOT NULL CHECK (conclusion IN ('supported', 'excluded', 'inconclusive', 'not_supported')),
        frequency_table_id          uuid NOT NULL REFERENCES dna_frequency_tables(id) ON DELETE RESTRICT,
        -- Version of the adjusted table (raw version + floor + observed alleles) the LRs were computed with.
        frequency_table_version     text NOT NULL,
        model                       jsonb NOT NULL,
        status                      text NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'proposed', 'confirmed', 'rejected')),
        proposed_by                 uuid REFERENCES users(id) ON DELETE RESTRICT,
        proposed_at                 timestamptz,
        proposal_note               text,
        decided_by                  uuid REFERENCES users(id) ON DELETE RESTRICT,
        decided_at                  timestamptz,
        decision_reason             text,
        jurisdiction_path           text NOT NULL,
        child_jurisdiction_path     text NOT NULL,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        version                     integer NOT NULL DEFAULT 1,
        CHECK ((relationship = 'trio_both') = (second_reference_sample_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX kinship_matches_pair_key ON kinship_matches
        (child_sample_id, reference_sample_id, COALESCE(second_reference_sample_id, '00000000-0000-0000-0000-000000000000'::uuid));
      CREATE INDEX kinship_matches_path_idx ON kinship_matches (jurisdiction_path text_pattern_ops);
      CREATE INDEX kinship_matches_child_path_idx ON kinship_matches (child_jurisdiction_path text_pattern_ops);
      CREATE INDEX kinship_matches_status_idx ON kinship_matches (status, log10_lr DESC);
    `);

    for (const seed of SEED_TABLES) {
      const tables = parseFrequencyCsv(
        readFileSync(assetPath('str-frequencies', seed.file), 'utf8'),
      );
      const table = tables.find(
        (t) => t.population === seed.population,
      ) as FrequencyTable;
      await q.query(
        `INSERT INTO dna_frequency_tables (name, population, source, note, placeholder, version, floor_kind, floor_value, loci, locus_count, search_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          seed.name,
          seed.population,
          seed.source,
          seed.note,
          seed.placeholder,
          table.version,
          seed.floor.kind,
          seed.floor.kind === 'fixed' ? seed.floor.value : null,
          JSON.stringify(table.loci),
          Object.keys(table.loci).length,
          seed.searchDefault,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE kinship_matches;
      DROP TABLE dna_profiles;
      DROP TABLE dna_profile_imports;
      DROP TABLE dna_custody_events;
      DROP TABLE dna_samples;
      DROP TABLE dna_frequency_tables;
    `);
  }
}

import type { GetReleaseStatusResponse } from '@helmts/proto';

// The enums' numbers (hapi/release/status.proto, test_run.proto): Go marshals enums as numbers.
const STATUS_CODES: Record<string, number> = {
  UNKNOWN: 0,
  DEPLOYED: 1,
  DELETED: 2,
  SUPERSEDED: 3,
  FAILED: 4,
  DELETING: 5,
  PENDING_INSTALL: 6,
  PENDING_UPGRADE: 7,
  PENDING_ROLLBACK: 8,
};
const TEST_RUN_STATUSES: Record<string, number> = { UNKNOWN: 0, SUCCESS: 1, FAILURE: 2, RUNNING: 3 };

type Loose = Record<string, unknown> | null | undefined;

/** The generated Go structs tag every field `omitempty`: zero values and nil pointers are left out. */
function omitEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([, v]) =>
        v !== undefined && v !== null && v !== 0 && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

function enumNumber(value: unknown, numbers: Record<string, number>): number {
  return typeof value === 'number' ? value : (numbers[String(value)] ?? 0);
}

function timestamp(t: Loose): Record<string, unknown> | undefined {
  if (!t) return undefined;
  return omitEmpty({ seconds: Number(t.seconds ?? 0), nanos: Number(t.nanos ?? 0) });
}

function testSuite(suite: Loose): Record<string, unknown> | undefined {
  if (!suite) return undefined;
  const results = (suite.results as Loose[] | undefined) ?? [];
  return omitEmpty({
    started_at: timestamp(suite.started_at as Loose),
    completed_at: timestamp(suite.completed_at as Loose),
    results: results.map((r) =>
      omitEmpty({
        name: r?.name,
        status: enumNumber(r?.status, TEST_RUN_STATUSES),
        info: r?.info,
        started_at: timestamp(r?.started_at as Loose),
        completed_at: timestamp(r?.completed_at as Loose),
      }),
    ),
  });
}

/**
 * `status -o json|yaml` as Helm 2 prints it: the GetReleaseStatusResponse message through Go's
 * encoding/json (field order of the generated structs, enums as numbers, timestamps as
 * {seconds, nanos}, empty fields left out).
 */
export function goReleaseStatus(response: GetReleaseStatusResponse): Record<string, unknown> {
  const info = response.info as Loose;
  const status = info?.status as Loose;
  return omitEmpty({
    name: response.name,
    info: info
      ? omitEmpty({
          status: status
            ? omitEmpty({
                code: enumNumber(status.code, STATUS_CODES),
                resources: status.resources,
                notes: status.notes,
                last_test_suite_run: testSuite(status.last_test_suite_run as Loose),
              })
            : undefined,
          first_deployed: timestamp(info.first_deployed as Loose),
          last_deployed: timestamp(info.last_deployed as Loose),
          deleted: timestamp(info.deleted as Loose),
          Description: info.Description,
        })
      : undefined,
    namespace: response.namespace,
  });
}

import assert from 'node:assert/strict';
import { call } from './call.js';
import { GoTime } from '../src/index.js';

const T = 1700000000n;

describe('date functions', () => {
  before(() => {
    process.env.TZ = 'UTC';
  });

  it('format with Go reference layouts (expected from the real helm, TZ=UTC)', () => {
    assert.equal(call('date', '2006-01-02T15:04:05Z07:00', T), '2023-11-14T22:13:20Z');
    assert.equal(
      call('dateInZone', 'Mon Jan _2 15:04:05.000 MST 2006', T, 'America/New_York'),
      'Tue Nov 14 17:13:20.000 EST 2023',
    );
    assert.equal(
      call('dateInZone', '2006-01-02 3:4:5 PM -0700 Z07:00 .999', T, 'Asia/Kolkata'),
      '2023-11-15 3:43:20 AM +0530 +05:30 ',
    );
    assert.equal(call('dateInZone', 'Jan 2', T, 'Nope/Zone'), 'Nov 14');
    assert.equal(
      call('date', '06 1 2 3 4 5 pm 002 __2 Monday January', T),
      '23 11 14 10 13 20 pm 318 318 Tuesday November',
    );
    assert.equal(call('htmlDateInZone', T, 'UTC'), '2023-11-14');
  });

  it('toDate parses in the local zone; errors give the zero time', () => {
    assert.equal(call('toString', call('toDate', '2006-01-02', '2024-02-29')), '2024-02-29 00:00:00 +0000 UTC');
    assert.equal(call('toString', call('toDate', '2006-01-02', '2023-02-29')), '0001-01-01 00:00:00 +0000 UTC');
    assert.equal(
      call('toString', call('toDate', '2006-01-02T15:04:05Z07:00', '2024-03-01T10:00:00+02:00')),
      '2024-03-01 10:00:00 +0200 +0200',
    );
    assert.equal(call('unixEpoch', call('toDate', '2006-01-02 15:04:05.000', '2024-03-01 10:00:00.123')), '1709287200');
    assert.throws(() => call('mustToDate', '2006-01-02', 'x'), {
      message: 'parsing time "x" as "2006-01-02": cannot parse "x" as "2006"',
    });
    assert.equal(call('typeOf', call('toDate', '2006-01-02', '2024-02-29')), 'time.Time');
  });

  it('dateModify, duration, durationRound', () => {
    const jan1 = call('toDate', '2006-01-02', '2024-01-01') as GoTime;
    assert.equal(call('toString', call('dateModify', '1h30m', jan1)), '2024-01-01 01:30:00 +0000 UTC');
    assert.equal(call('toString', call('dateModify', 'bad', jan1)), '2024-01-01 00:00:00 +0000 UTC');
    assert.equal(call('date', '15:04', call('dateModify', '-1.5h', jan1)), '22:30');
    assert.equal(call('duration', '95'), '1m35s');
    assert.equal(call('duration', 95n), '0s');
    assert.equal(call('duration', '3661'), '1h1m1s');
    assert.equal(call('durationRound', '2h10m'), '2h');
    assert.equal(call('durationRound', '400h'), '16d');
    assert.equal(call('durationRound', '10000h'), '1y');
    assert.equal(call('durationRound', 5n), '0s');
    assert.match(call('ago', call('now')) as string, /^(0s|1s)$/);
  });

  it("time.Time's calendar methods (expected from the real Helm 2.17, TZ=UTC)", () => {
    const t = call('toDate', '2006-01-02', '2024-02-03') as GoTime;
    const text = (v: unknown) => call('toString', v);
    assert.equal(text(t.Weekday()), 'Saturday');
    assert.equal(text(t.Month()), 'February');
    assert.equal(t.YearDay(), 34n);
    const endOfJanuary = call('toDate', '2006-01-02', '2024-01-31') as GoTime;
    assert.equal(text(endOfJanuary.AddDate(0n, 1n, 0n)), '2024-03-02 00:00:00 +0000 UTC');
    assert.equal(text(t.AddDate(-1n, -14n, -40n)), '2021-10-24 00:00:00 +0000 UTC');
    assert.equal(text(t.Add(3600000000000n)), '2024-02-03 01:00:00 +0000 UTC');
    const next = t.AddDate(0n, 0n, 1n);
    assert.deepEqual([t.Before(next), t.After(next), t.Equal(t.in('UTC'))], [true, false, true]);
  });
});

import { parseDlqArgs } from './kafka-dlq.cli';

describe('ops dlq arguments', () => {
  it('reads list filters and replay ids or --all', () => {
    expect(
      parseDlqArgs(['list', '--topic', 'careplan.submission.received.v1', '--limit', '5', '--table']),
    ).toEqual({
      command: 'list',
      ids: [],
      flags: { topic: 'careplan.submission.received.v1', limit: '5', table: true },
    });
    expect(parseDlqArgs(['replay', 'a.dlq:0:1', 'a.dlq:1:0', '--force'])).toEqual({
      command: 'replay',
      ids: ['a.dlq:0:1', 'a.dlq:1:0'],
      flags: { force: true },
    });
    expect(parseDlqArgs(['replay', '--all']).flags).toEqual({ all: true });
  });

  it('refuses what is not one of the two forms', () => {
    for (const argv of [
      [],
      ['purge'],
      ['replay'],
      ['replay', '--all', 'a.dlq:0:1'],
      ['list', 'a.dlq:0:1'],
      ['list', '--force'],
      ['list', '--limit'],
      ['replay', '--all', '--topic', 'x'],
      ['list', '--colour'],
    ])
      expect(() => parseDlqArgs(argv)).toThrow(/usage/);
  });
});

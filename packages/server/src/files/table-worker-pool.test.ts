import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempFile } from '../../test/registry-files.ts';
import { readRows } from './table-reader.ts';

/**
 * The table workers are a pool of four: every reader that stops early must give its worker back,
 * or imports wait for a worker that never comes (the monitoring import stops at a header without
 * 人均纯收入; after four such files every later import of the server hung).
 */
describe('the table worker pool', () => {
  it('a reader stopped after its file was read to the end gives its worker back, however often', { timeout: 120_000 }, async () => {
    const file = tempFile('small.csv');
    fs.writeFileSync(file, '户编号,监测对象类别,风险类型\r\n4510280001,边缘易致贫户,因病\r\n');
    const stoppedAt: number[] = [];
    // Twice the pool's size: each reader takes the first row, lets the worker's last message
    // ("done") arrive meanwhile, then stops.
    for (let i = 0; i < 8; i++) {
      for await (const row of readRows(file)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stoppedAt.push(row.rowNumber);
        break;
      }
    }
    expect(stoppedAt).toEqual(Array<number>(8).fill(1));
  });
});

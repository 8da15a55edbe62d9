/**
 * Reading a probe capture against what producing it costs, measured in the same run: findings (markers,
 * rebuilt event, schema comparison, escaping) on a probe of about 1 MiB (the capture body cap) versus stock
 * Handlebars rendering that probe plus JSON.parse of the result. Prints the ratio; asserts only that the
 * event read back is the one rendered (timings vary too much on shared cores).
 */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { captureFindings } from '../../shared/capture/findings';
import { probeTemplate } from '../../shared/capture/probe-template';
import { CAPTURE_MAX_BODY_BYTES } from '../../shared/capture/types';
import { eventWithAccessUnits } from '../../shared/payload/samples-edge';

/** Median milliseconds of five runs after one warm-up. */
function medianMs(fn: () => void): number {
  fn();
  const runs = Array.from({ length: 5 }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
  return runs.sort((a, b) => a - b)[2]!;
}

describe('probe findings', () => {
  it('prints the cost of findings on a 1 MiB probe against rendering it', () => {
    const render = Handlebars.compile(probeTemplate());
    let units = 50;
    while (Buffer.byteLength(render(eventWithAccessUnits(units * 2))) < CAPTURE_MAX_BODY_BYTES) units *= 2;
    const event = eventWithAccessUnits(units);
    const body = render(event);
    expect(captureFindings(body).event).toEqual(JSON.parse(JSON.stringify(event)));

    const base = medianMs(() => JSON.parse(render(event)));
    const findings = medianMs(() => captureFindings(body));
    console.log(
      `\nProbe findings (${units} access units, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB, median of 5)\n` +
        `render+JSON.parse ${base.toFixed(1)} ms\nfindings          ${findings.toFixed(1)} ms  ${(findings / base).toFixed(2)}×\n`,
    );
  });
});

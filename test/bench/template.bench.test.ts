/**
 * Preview pipeline cost against raw Handlebars, measured in the same run. Prints a table; asserts only
 * that each pipeline produces the same body as raw Handlebars (timings vary too much on shared cores).
 */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { documentedExample } from '../../shared/payload/samples';
import { eventWithAccessUnits } from '../../shared/payload/samples-edge';
import { analyseTemplate } from '../../shared/template/analysis';
import { DOCUMENTED_TEMPLATE } from '../../shared/template/example-templates';
import { clearRenderCache, renderTemplate } from '../../shared/template/render';

/** A 100-line template in the style of the Datadog/ServiceNow presets, with loops over every access unit. */
function hundredLineTemplate(): string {
  const lines = ['{', '  "event_type": "{{event_type}}",', '  "event_time": {{event_time}},', '  "request": {'];
  const scalar = ['id', 'friendly_id', 'justification'];
  for (const k of scalar) lines.push(`    "${k}": "{{data.${k}}}",`);
  lines.push('    "requester": { "id": "{{data.requester.id}}", "name": "{{data.requester.name}}", "email": "{{data.requester.email}}" },');
  lines.push('    {{#if data.grantee}}"grantee": { "id": "{{data.grantee.id}}", "type": "{{data.grantee.type}}" },{{/if}}');
  lines.push('    {{#if data.access_bundle}}"bundle": "{{data.access_bundle.name}}",{{/if}}');
  lines.push('    "flow": "{{data.access_flow.name}}",', '    "created": {{data.creation_date}},');
  lines.push('    "groups": [', '      {{#each data.access_groups}}', '      {', '        "integration": "{{integration.name}}",');
  lines.push('        "type": "{{integration.type}}",', '        "units": [', '          {{#each access_units}}', '          {');
  lines.push('            "resource": "{{resource.name}}",', '            "path": "{{resource.path}}",', '            "permission": "{{permission.name}}",');
  lines.push('            "requester": "{{@root.data.requester.email}}",', '            "integration": "{{../integration.id}}",', '            "index": {{@index}}');
  lines.push('          }{{#unless @last}},{{/unless}}', '          {{/each}}', '        ]', '      }{{#unless @last}},{{/unless}}', '      {{/each}}', '    ],');
  lines.push('    "approvals": [', '      {{#each data.approvals}}', '      { "status": "{{status}}", "by": "{{approver.email}}" }{{#unless @last}},{{/unless}}', '      {{/each}}', '    ],');
  // Filler of realistic static keys with values, up to 100 lines.
  let n = 0;
  while (lines.length < 97) lines.push(`    "label_${n++}": "{{data.access_flow.id}}-{{data.friendly_id}}",`);
  lines.push('    "relation": "{{data.approvals_logical_relation}}"', '  }', '}');
  return lines.join('\n');
}

/** Median microseconds per call over 7 batches sized to about 40 ms each. */
function measure(fn: () => void): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t0 > 40) break;
    n *= 2;
  }
  const samples: number[] = [];
  for (let b = 0; b < 7; b++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[3] ?? 0;
}

describe('template preview pipeline', () => {
  it('prints ratios against raw Handlebars', () => {
    const cases = [
      { name: 'documented example', template: DOCUMENTED_TEMPLATE, event: documentedExample() },
      { name: '100-line, 500 units', template: hundredLineTemplate(), event: eventWithAccessUnits(500) },
    ];
    const rows: string[] = [];
    for (const c of cases) {
      expect(c.template.split('\n').length).toBeGreaterThanOrEqual(c.name.startsWith('100') ? 100 : 1);
      const raw = Handlebars.compile(c.template);
      const expected = raw(c.event);
      JSON.parse(expected);
      const r = renderTemplate(c.template, c.event);
      expect(r.ok && r.json.valid && r.body).toBe(expected);
      expect(analyseTemplate(c.template).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

      const base = measure(() => JSON.parse(raw(c.event)));
      const cached = measure(() => renderTemplate(c.template, c.event));
      const analyse = measure(() => analyseTemplate(c.template));
      const full = measure(() => {
        analyseTemplate(c.template);
        renderTemplate(c.template, c.event);
      });
      const cold = measure(() => {
        clearRenderCache();
        analyseTemplate(c.template);
        renderTemplate(c.template, c.event);
      });
      const fmt = (us: number) => `${(us / 1000).toFixed(3)} ms`.padStart(11);
      const ratio = (us: number) => `${(us / base).toFixed(2)}×`.padStart(8);
      rows.push(
        `${c.name.padEnd(22)} raw render+JSON.parse ${fmt(base)}`,
        `${''.padEnd(22)} cached re-render      ${fmt(cached)} ${ratio(cached)}   (target ≤ 1.5×)`,
        `${''.padEnd(22)} re-analysis           ${fmt(analyse)} ${ratio(analyse)}   (target < 16 ms)`,
        `${''.padEnd(22)} analyse+render cached ${fmt(full)} ${ratio(full)}`,
        `${''.padEnd(22)} analyse+render cold   ${fmt(cold)} ${ratio(cold)}`,
      );
    }
    console.log(`\nTemplate preview pipeline (median of 7 batches)\n${rows.join('\n')}\n`);
  });
});

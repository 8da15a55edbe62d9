/**
 * Edge-case events: the payloads that break naive templates.
 *
 * Each one targets one trap: missing optional objects, empty arrays, characters that JSON or HTML escaping
 * treat specially, very long text, and very many access units.
 */
import type { EventAccessUnit, EventTypeStyle, RequestEvent, SampleEvent } from './request-event';
import { documentedExample, postgresGroup } from './documented-example';

/** The n-th access unit of the generated large request (1-based, so names read naturally). */
export function accessUnit(n: number): EventAccessUnit {
  return {
    resource: {
      id: `res-${n}`,
      name: `DB ${n}`,
      path: `prod db/res-${n}`,
      type: { id: 'postgresql-database', name: 'Database', display_path: 'Postgresql/Database' },
    },
    permission: { id: 'readonly', name: 'ReadOnly' },
  };
}

/** An event whose single access group has `count` access units (500 makes a realistic worst case). */
export function eventWithAccessUnits(count: number, style: EventTypeStyle = 'AccessRequestCreated'): RequestEvent {
  const event = documentedExample(style);
  const group = event.data.access_groups[0];
  if (group) group.access_units = Array.from({ length: count }, (_, i) => accessUnit(i + 1));
  return event;
}

type Edit = (e: RequestEvent) => void;

const EDGE_CASES: ReadonlyArray<{ id: string; label: string; edit: Edit }> = [
  {
    id: 'no-bundle-no-grantee',
    label: 'No access bundle, no grantee, no custom fields, no revocation date',
    edit: (e) => {
      delete e.data.access_bundle;
      delete e.data.grantee;
      delete e.data.custom_fields;
      delete e.data.revocation_date;
    },
  },
  {
    id: 'empty-arrays',
    label: 'Empty approvals and access groups',
    edit: (e) => {
      e.data.approvals = [];
      e.data.access_groups = [];
    },
  },
  {
    // A nested `{{#unless @last}},{{/unless}}` per level leaves a comma after the last group's (missing) units.
    id: 'group-without-units',
    label: 'Two access groups, the second with no access units',
    edit: (e) => {
      e.data.access_groups.push({ ...postgresGroup(), access_units: [] });
    },
  },
  {
    id: 'quotes-backslashes',
    label: 'Quotes and backslashes in free text',
    edit: (e) => {
      e.data.justification = 'Need "prod" access to C:\\temp\\logs; it\'s urgent';
      e.data.requester.name = 'Jane "JJ" O\'Brien';
      e.data.access_flow.name = 'Flow \\ "critical"';
    },
  },
  {
    id: 'newlines-tabs',
    label: 'Newlines and tabs in the justification',
    edit: (e) => {
      e.data.justification = 'Line one\nLine two\r\n\tindented';
    },
  },
  {
    id: 'html-characters',
    label: 'HTML-special characters <>&\'`=',
    edit: (e) => {
      e.data.justification = 'Fix <script> & check a > b, `x` = \'y\'';
      if (e.data.access_bundle) e.data.access_bundle.name = 'R&D <bundle>';
    },
  },
  {
    id: 'unicode-emoji',
    label: 'Unicode and emoji',
    edit: (e) => {
      e.data.justification = 'Déploiement urgent 🚀 — 数据库 ✅ \u2028 line separator';
      e.data.requester.name = 'Zoë Ångström 👩‍💻';
    },
  },
  {
    id: 'long-justification',
    label: 'A very long justification (20,000 characters)',
    edit: (e) => {
      e.data.justification = 'Investigating incident INC-4711 in the billing pipeline. '.repeat(360).slice(0, 20_000);
    },
  },
  {
    id: 'one-access-unit',
    label: 'Exactly one access unit',
    edit: (e) => {
      const g = e.data.access_groups[0];
      if (g) g.access_units = [accessUnit(1)];
    },
  },
  {
    id: 'many-access-units',
    label: '500 access units',
    edit: (e) => {
      const g = e.data.access_groups[0];
      if (g) g.access_units = Array.from({ length: 500 }, (_, i) => accessUnit(i + 1));
    },
  },
];

/** The edge-case samples, each flagged `edgeCase: true`. */
export function edgeCaseSamples(style: EventTypeStyle = 'AccessRequestCreated'): SampleEvent[] {
  return EDGE_CASES.map(({ id, label, edit }) => {
    const event = documentedExample(style);
    edit(event);
    return { id: `edge-${id}`, label, trigger: 'RequestCreated', edgeCase: true, event };
  });
}

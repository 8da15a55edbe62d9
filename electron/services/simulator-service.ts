/**
 * The contract's `simulator` namespace: renders bodies for the simulator and truth tables.
 *
 * The UI computes verdicts itself (pure shared code); only rendering comes here, because compiling a
 * Handlebars template needs `new Function`, which the UI's Content Security Policy forbids.
 */
import { ok, type Result } from '../../shared/api/result';
import type { SimulatorApi } from '../../shared/api/contract';
import { renderForSimulation, type RenderedBody } from '../../shared/simulator';
import type { EscapeMode } from '../../shared/template/render';

export class SimulatorService implements SimulatorApi {
  async renderBodies(args: { items: Array<{ template: string; event: unknown }>; escape?: EscapeMode }): Promise<Result<RenderedBody[]>> {
    return ok(args.items.map((item) => renderForSimulation(item.template, item.event, args.escape ?? 'html')));
  }
}

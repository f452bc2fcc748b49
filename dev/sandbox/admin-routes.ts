import { changeBehaviour, currentBehaviour, type SandboxBehaviourTargets } from './behaviour-route';
import { type Faults, InvalidFaultRuleError, parseFaultRuleJson } from './faults';
import { json, parseJsonBody, type SandboxRequest, type SandboxResponse } from './http-helpers';

/** What `/__sandbox/*` acts on: the shared faults and the whole set of sandboxes. */
export interface SandboxAdmin {
  faults: Faults;
  reset(): void;
  state(): unknown;
  /** Each vendor's switches for `/__sandbox/behaviour` (behaviour-route.ts). */
  behaviour?: SandboxBehaviourTargets;
}

function addFault(request: SandboxRequest, faults: Faults): SandboxResponse {
  const parsed = parseJsonBody(request.body);
  if (!parsed.ok) return json(400, { error: 'Body is not JSON' });
  try {
    faults.add(parseFaultRuleJson(parsed.value));
  } catch (e: unknown) {
    if (e instanceof InvalidFaultRuleError) return json(400, { error: e.message });
    throw e;
  }
  return json(201, { faults: faults.report() });
}

/** Test and operator controls; no auth, like the rest of a local sandbox. */
export async function handleAdminRequest(
  request: SandboxRequest,
  admin: SandboxAdmin,
): Promise<SandboxResponse> {
  const route = `${request.method} ${request.path.replace(/\/$/, '')}`;
  switch (route) {
    case 'POST /__sandbox/faults':
      return addFault(request, admin.faults);
    case 'GET /__sandbox/faults':
      return json(200, { faults: admin.faults.report() });
    case 'DELETE /__sandbox/faults':
      admin.faults.clear();
      return json(200, { faults: [] });
    case 'GET /__sandbox/state':
      return json(200, admin.state());
    case 'POST /__sandbox/behaviour':
      return changeBehaviour(request, admin.behaviour);
    case 'GET /__sandbox/behaviour':
      return currentBehaviour(admin.behaviour);
    case 'POST /__sandbox/reset':
      admin.reset();
      return json(200, { reset: true });
    default:
      return json(404, { error: `No sandbox control at ${request.method} ${request.path}` });
  }
}

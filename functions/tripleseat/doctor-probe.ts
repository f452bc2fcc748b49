import type {
  ProbedEvent,
  TokenProbe,
  TripleSeatEventShapes,
  TripleSeatProbe,
} from '#functions/core/ports/vendor-probes';
import type { TripleSeatClient } from './client';
import { detectEventShapes } from './event-shapes';

/** The doctor's TripleSeat look-ups through the project's own client (same OAuth, pace and retries). */
export class TripleSeatDoctorProbe implements TripleSeatProbe {
  constructor(
    private readonly client: TripleSeatClient,
    readonly host: string,
    private readonly refresh: { configured: boolean; rotated: () => boolean },
  ) {}

  async requestToken(): Promise<TokenProbe> {
    await this.client.requestToken();
    return {
      grant: this.refresh.configured ? 'refresh_token' : 'client_credentials',
      refreshTokenRotated: this.refresh.rotated(),
    };
  }

  async listEvents(from: string, to: string): Promise<ProbedEvent[]> {
    const events = await this.client.searchEvents({ eventDate: { from, to } });
    return events.map((e) => ({ id: e.id, locationId: e.locationId, eventDate: e.eventDate }));
  }

  async readEventShapes(eventId: string): Promise<TripleSeatEventShapes> {
    const path = `/v1/events/${encodeURIComponent(eventId)}.json?show_financial=true`;
    return detectEventShapes(await this.client.readJson(path, `TripleSeat event ${eventId}`));
  }
}

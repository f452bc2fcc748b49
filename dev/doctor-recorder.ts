/** One vendor answer as the doctor's clients received it. */
export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string;
  text: string;
}

/**
 * A `fetch` for the vendor clients that keeps every answer, so `npm run doctor -- --save` can write
 * what the vendors really sent (dev/samples/capture-folder.ts sanitises it first).
 */
export class ResponseRecorder {
  readonly responses: RecordedResponse[] = [];

  readonly fetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    this.responses.push({
      method,
      url,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.clone().text(),
    });
    return response;
  };
}

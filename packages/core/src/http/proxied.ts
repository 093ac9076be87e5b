import { type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import {
  connectionFailure,
  DEFAULT_BODY_LIMIT,
  flattenHeaders,
  HttpFailure,
  type HttpRequest,
  type HttpResponse,
} from './exchange.js';

let agent: EnvHttpProxyAgent | undefined;

/** A request through HTTP(S)_PROXY (honouring NO_PROXY), with the same timeout and body cap as direct ones. */
export async function proxiedRequest(req: HttpRequest, started: number): Promise<HttpResponse> {
  agent ??= new EnvHttpProxyAgent();
  const elapsed = () => performance.now() - started;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timeout')), req.timeoutMs);
  const onCallerAbort = () => controller.abort(new Error('aborted'));
  req.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const limit = req.bodyLimit ?? DEFAULT_BODY_LIMIT;
  try {
    const response = await request(req.url, {
      method: (req.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      dispatcher: agent,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let bodyTruncated = false;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      const room = limit - size;
      if (buffer.length > room) {
        chunks.push(buffer.subarray(0, room));
        size = limit;
        bodyTruncated = true;
        response.body.destroy();
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body: Buffer.concat(chunks, size),
      bodyTruncated,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (controller.signal.aborted) {
      const cancelled = (controller.signal.reason as Error | undefined)?.message === 'aborted';
      throw cancelled
        ? new HttpFailure('aborted', 'request cancelled', elapsed())
        : new HttpFailure('timeout', `no complete answer within ${req.timeoutMs}ms`, elapsed(), 'TIMEOUT');
    }
    throw connectionFailure(error, elapsed());
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCallerAbort);
  }
}

// End to end with the typed client against a running API (VEZA_API_URL): register, login, refresh, me, the
// client's own refresh on 401, upload a track and wait for it, list tracks, create a listing, an offer from a
// second user, and chat over SignalR (one joins a room and sends, the other receives).
// Prints one summary line; exits 1 at the first failed step.
//   VEZA_API_URL=http://127.0.0.1:8080 npx tsx e2e/run.ts
import { ApiError, createVezaClient, multipart, pickTokens, unwrap, type VezaClient } from '../src/index.ts';
import { LogLevel } from '@microsoft/signalr';
import { chatHub, hubErrorCode, type ChatHub } from '../src/realtime.ts';

const baseUrl = process.env.VEZA_API_URL;
if (!baseUrl) {
  console.error('client e2e: set VEZA_API_URL (e.g. http://127.0.0.1:8080)');
  process.exit(2);
}

const started = Date.now();
const passed: string[] = [];
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(-10);
const password = 'violet-tape-deck-42-e2e';

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    passed.push(name);
  } catch (error) {
    const reason = error instanceof ApiError ? `${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}` : String(error);
    console.log(`client e2e: FAILED at ${name} after ${passed.length} passed steps (${passed.join(', ')}): ${reason}`);
    process.exit(1);
  }
}

/** One second of a 440 Hz sine, 16-bit mono PCM at 22.05 kHz, as a WAV file. */
function sineWav(seconds = 1, rate = 22_050): ArrayBuffer {
  const samples = seconds * rate;
  const view = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (offset: number, value: string) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, 'data'); view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000), true);
  return view.buffer;
}

// Counts refresh calls, to show that concurrent 401s share one refresh.
let refreshCalls = 0;
const countingFetch: typeof fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (url.endsWith('/api/v1/auth/refresh')) refreshCalls++;
  return fetch(input, init);
};

const seller: VezaClient = createVezaClient({ baseUrl, fetch: countingFetch });
const buyer: VezaClient = createVezaClient({ baseUrl });
const sellerName = `e2e_s_${suffix}`;
const buyerName = `e2e_b_${suffix}`;
let sellerId = '';
let buyerId = '';
let trackId = '';
let listingId = '';
let roomId = '';

await step('register', async () => {
  const body = { username: sellerName, email: `${sellerName}@example.com`, password };
  const result = await unwrap(seller.api.POST('/api/v1/auth/register', { body }));
  check(result.user?.username === sellerName, `registered as ${result.user?.username}`);
  sellerId = result.user?.id ?? '';
  const other = await unwrap(buyer.api.POST('/api/v1/auth/register', { body: { username: buyerName, email: `${buyerName}@example.com`, password } }));
  buyer.tokens.set(pickTokens(other));
  buyerId = other.user?.id ?? '';
  try {
    await unwrap(seller.api.POST('/api/v1/auth/register', { body }));
    check(false, 'a second registration with the same name was accepted');
  } catch (error) {
    check(error instanceof ApiError && error.status === 409 && error.code === 'CONFLICT', `the same name again: ${error}`);
  }
});

await step('login', async () => {
  const result = await unwrap(seller.api.POST('/api/v1/auth/login', { body: { login: sellerName, password } }));
  check(result.mfa_required === false, 'mfa required');
  seller.tokens.set(pickTokens(result));
  try {
    await unwrap(seller.api.POST('/api/v1/auth/login', { body: { login: sellerName, password: 'wrong-password-xyz' } }));
    check(false, 'a wrong password signed in');
  } catch (error) {
    check(error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHORIZED', `a wrong password: ${error}`);
  }
});

await step('refresh', async () => {
  const before = seller.tokens.get();
  const after = await seller.refresh();
  check(after.refresh_token !== before?.refresh_token, 'the refresh token was not rotated');
});

await step('me', async () => {
  const me = await unwrap(seller.api.GET('/api/v1/auth/me'));
  check(me.id === sellerId && me.username === sellerName, `me is ${me.username}`);
});

await step('refresh on 401', async () => {
  // A dead access token: three calls at once get 401, share one refresh and are sent again.
  const held = seller.tokens.get();
  check(held, 'no tokens');
  seller.tokens.set({ ...held, access_token: 'expired.or.invalid' });
  refreshCalls = 0;
  const answers = await Promise.all([1, 2, 3].map(() => unwrap(seller.api.GET('/api/v1/auth/me'))));
  check(answers.every((me) => me.id === sellerId), 'a retried call answered someone else');
  check(refreshCalls === 1, `${refreshCalls} refresh calls for three 401s`);
});

await step('upload track', async () => {
  const file = new File([sineWav()], 'e2e-sine.wav', { type: 'audio/wav' });
  const uploaded = await unwrap(seller.api.POST('/api/v1/tracks', {
    body: { title: `E2E sine ${suffix}`, tags: 'e2e, sine', file },
    bodySerializer: multipart,
  }));
  check(uploaded.id && uploaded.status === 'processing', `uploaded in status ${uploaded.status}`);
  trackId = uploaded.id;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const track = await unwrap(seller.api.GET('/api/v1/tracks/{id}', { params: { path: { id: trackId } } }));
    if (track.status === 'ready') break;
    check(track.status === 'processing', `processing ended in ${track.status}`);
    check(Date.now() < deadline, 'still processing after 90 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

await step('list tracks', async () => {
  const { data, error, response } = await seller.api.GET('/api/v1/tracks', { params: { query: { user_id: sellerId, page: 1, limit: 20 } } });
  check(data && !error, `list answered ${response.status}`);
  check(data.data?.some((track) => track.id === trackId), 'the uploaded track is not listed');
  check(data.pagination?.total === 1 && data.pagination.page === 1, `pagination ${JSON.stringify(data.pagination)}`);
});

await step('create listing', async () => {
  const categories = await unwrap(seller.api.GET('/api/v1/categories'));
  const categoryId = categories?.[0]?.children?.[0]?.id ?? categories?.[0]?.id;
  check(categoryId, 'no category');
  const listing = await unwrap(seller.api.POST('/api/v1/listings', {
    body: { title: `E2E bass ${suffix}`, description: 'Four strings, one owner.', kind: 'sale', price: 49.90, currency: 'EUR', condition: 'good', category_id: categoryId },
  }));
  check(listing.id, 'the listing has no id');
  listingId = listing.id;
});

await step('offer', async () => {
  const offer = await unwrap(buyer.api.POST('/api/v1/listings/{id}/offers', {
    params: { path: { id: listingId } },
    body: { amount: 40.00, currency: 'EUR', message: 'Would you take forty?' },
  }));
  check(offer.id && offer.status === 'pending', `offer in status ${offer.status}`);
  try {
    await unwrap(seller.api.POST('/api/v1/listings/{id}/offers', { params: { path: { id: listingId } }, body: { amount: 40.00, currency: 'EUR' } }));
    check(false, 'the seller made an offer on their own listing');
  } catch (error) {
    check(error instanceof ApiError && error.status === 403, `an offer on one's own listing: ${error}`);
  }
});

await step('chat', async () => {
  const room = await unwrap(seller.api.POST('/api/v1/chat/rooms', { body: { name: `e2e room ${suffix}`, description: 'client e2e' } }));
  check(room.id, 'the room has no id');
  roomId = room.id;
  // Error level: events nobody listens to here (presence, ...) would each print a warning.
  const connect = (client: VezaClient): ChatHub => chatHub(baseUrl, { accessTokenFactory: () => client.tokens.get()?.access_token ?? '', logLevel: LogLevel.Error });
  const listener = connect(seller);
  const speaker = connect(buyer);
  try {
    await Promise.all([listener.start(), speaker.start()]);
    await listener.invoke('JoinRoom', { room_id: roomId });
    const arrived = listener.next('joined', (event) => event.user_id === buyerId);
    const joined = await speaker.invoke('JoinRoom', { room_id: roomId });
    check(joined.my_role === 'member', `joined as ${joined.my_role}`);
    await arrived;
    const heard = listener.next('message', (message) => message.client_message_id === `e2e-${suffix}`);
    const sent = await speaker.invoke('SendMessage', { room_id: roomId, content: 'hello from the typed client', client_message_id: `e2e-${suffix}` });
    const received = await heard;
    check(received.id === sent.id && received.content === 'hello from the typed client' && received.author?.id === buyerId, 'the message heard is not the one sent');
    try {
      await speaker.invoke('SendMessage', { room_id: roomId, content: '   ', client_message_id: `e2e-empty-${suffix}` });
      check(false, 'an empty message was accepted');
    } catch (error) {
      check(hubErrorCode(error) === 'VALIDATION_ERROR', `an empty message: ${error}`);
    }
  } finally {
    await Promise.allSettled([listener.stop(), speaker.stop()]);
  }
});

console.log(`client e2e: ${passed.length}/${passed.length} steps passed (${passed.join(', ')}) against ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

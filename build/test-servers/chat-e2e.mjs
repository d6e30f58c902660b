// End to end with the official JavaScript client (@microsoft/signalr) against a running API:
// connect, join, send, receive, typing, presence, reconnect and catch up from history.
//   node chat-e2e.mjs <apiBase> <tokenA> <tokenB> <roomId> <userIdB>   (B already a member of the room, so A hears B arrive)
// Prints a JSON report; exit code 0 when every check passed.
import * as signalR from '@microsoft/signalr';

const [apiBase, tokenA, tokenB, roomId, userB] = process.argv.slice(2);
const checks = {};
const connect = (token) => new signalR.HubConnectionBuilder()
  .withUrl(new URL('/hubs/chat', apiBase).toString(), { accessTokenFactory: () => token })
  .configureLogging(signalR.LogLevel.Warning)
  .build();
const waitFor = (connection, event, match = () => true, ms = 10000) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no ${event} event`)), ms);
  const handler = (payload) => { if (match(payload)) { clearTimeout(timer); connection.off(event, handler); resolve(payload); } };
  connection.on(event, handler);
});

const a = connect(tokenA);
const b = connect(tokenB);
try {
  await a.start();
  const online = waitFor(a, 'presence', (p) => p.user_id === userB && p.status === 'online');
  await b.start();
  const joined = await b.invoke('JoinRoom', { room_id: roomId });
  checks.joined = joined.my_role === 'member';
  checks.presence = (await online).status === 'online';

  const heard = waitFor(a, 'message', (m) => m.client_message_id === 'js-1');
  const sent = await b.invoke('SendMessage', { room_id: roomId, content: 'hello from @microsoft/signalr', client_message_id: 'js-1' });
  checks.sent = sent.content === 'hello from @microsoft/signalr';
  checks.received = (await heard).id === sent.id;

  const typing = waitFor(a, 'typing');
  await b.invoke('Typing', { room_id: roomId });
  checks.typing = (await typing).room_id === roomId;

  try {
    await b.invoke('SendMessage', { room_id: roomId, content: '   ', client_message_id: 'js-empty' });
    checks.refusedWithCode = false;
  } catch (error) {
    checks.refusedWithCode = String(error.message).startsWith('VALIDATION_ERROR: ');
  }

  // A goes away; what B sends meanwhile is there when A comes back and asks for what came after.
  await a.stop();
  const missed = [];
  for (const n of [2, 3]) missed.push((await b.invoke('SendMessage', { room_id: roomId, content: `while away ${n}`, client_message_id: `js-${n}` })).id);
  await a.start();
  const caughtUp = await a.invoke('GetRoomHistory', { room_id: roomId, after: sent.id });
  checks.caughtUp = JSON.stringify(caughtUp.map((m) => m.id)) === JSON.stringify(missed);
} catch (error) {
  checks.error = String(error);
} finally {
  await Promise.allSettled([a.stop(), b.stop()]);
}

console.log(JSON.stringify(checks));
process.exit(Object.values(checks).every((v) => v === true) ? 0 : 1);

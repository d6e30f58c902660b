// node check-removals.test.mjs: the removal check's own cases (build/test.sh runs it before the check).
import assert from 'node:assert/strict';
import { unannouncedRemovals } from './check-removals.mjs';

const envelope = (properties) => ({ type: 'object', properties: { success: { type: 'boolean' }, data: { $ref: '#/components/schemas/User' }, ...properties } });
const documentWith = ({ userProperties = { id: { type: 'string' }, email: { type: 'string' } }, withLogout = true, loginFields = ['login', 'password'] } = {}) => ({
  openapi: '3.0.4',
  paths: {
    '/api/v1/auth/me': { get: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/MeResponse' } } } }, 401: { description: 'no' } } } },
    '/api/v1/auth/login': {
      post: {
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: Object.fromEntries(loginFields.map((f) => [f, { type: 'string' }])) } } } },
        responses: { 200: { description: 'ok' } },
      },
    },
    ...(withLogout ? { '/api/v1/auth/logout': { post: { responses: { 204: { description: 'done' } } } } } : {}),
  },
  components: {
    schemas: {
      MeResponse: envelope({}),
      User: { type: 'object', properties: { ...userProperties, friends: { type: 'array', items: { $ref: '#/components/schemas/User' } } } },
    },
  },
});

const released = documentWith();
const cases = [
  ['nothing removed', documentWith(), '', []],
  ['a field added', documentWith({ userProperties: { id: { type: 'string' }, email: { type: 'string' }, bio: { type: 'string' } } }), '', []],
  ['an operation removed', documentWith({ withLogout: false }), '', ['operation removed: POST /api/v1/auth/logout']],
  ['an operation removed with a note', documentWith({ withLogout: false }), '## 1.1\n- Removed: `POST /api/v1/auth/logout` (sessions end by revocation)\n', []],
  ['a note on another operation', documentWith({ withLogout: false }), 'Removed: POST /api/v1/auth/logout-all\n', ['operation removed: POST /api/v1/auth/logout']],
  ['a mention that is no note', documentWith({ withLogout: false }), 'We thought about POST /api/v1/auth/logout.\n', ['operation removed: POST /api/v1/auth/logout']],
  // data.friends[] is a User again: a cycle is followed once, so only data.email is reported.
  ['a response field removed', documentWith({ userProperties: { id: { type: 'string' } } }), '', ['field removed: GET /api/v1/auth/me 200 data.email']],
  ['a response field deprecated', documentWith({ userProperties: { id: { type: 'string' } } }),
    'Deprecated: GET /api/v1/auth/me 200 data.email (use /users/me)\n', []],
  ['a parent noted covers its fields', documentWith({ userProperties: {} }), '- Removed: `GET /api/v1/auth/me 200 data` no', []],
  ['a request field removed', documentWith({ loginFields: ['login'] }), '', ['field removed: POST /api/v1/auth/login request password']],
  ['a request field removed with a note', documentWith({ loginFields: ['login'] }), '* Removed: `POST /api/v1/auth/login request password`', []],
];
let failed = 0;
for (const [name, current, changelog, expected] of cases) {
  try {
    assert.deepEqual(unannouncedRemovals(released, current, changelog), expected);
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n${error.message}`);
  }
}
console.log(`${cases.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

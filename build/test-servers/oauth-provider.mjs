// The OAuth provider the tests sign in with: oauth2-mock-server (a real HTTP server issuing real signed
// tokens) acting as Google, GitHub and Discord at once.
//
//   node oauth-provider.mjs PORT
//
// Shared: GET /authorize, POST /token (the mock's own). Per provider, the profile routes:
//   Google   GET /userinfo              (OIDC: sub, email, email_verified, name)
//   GitHub   GET /github/user           (id, login, name, email)  and  GET /github/user/emails
//   Discord  GET /discord/users/@me     (id, username, global_name, email, verified)
//
// Each test chooses who signs in by adding login_hint to the authorization URL: base64url of a JSON
// profile {sub, email, email_verified, name, deny}. "deny": true answers like a user refusing consent
// (error=access_denied). No shared "next profile" state, so tests cannot step on each other.
//
// Stricter than the mock alone, so the API's side of the protocol is really tested: a code is single
// use and bound to its client and redirect_uri; a code issued with a PKCE challenge needs the matching
// code_verifier (the mock checks a verifier only when one is sent, and this refuses a missing one);
// only S256 challenges are accepted; profile routes need an access token this server issued.
import { randomUUID } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node oauth-provider.mjs PORT');
  process.exit(2);
}

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
const service = server.service;

/** code -> what the authorization request said (and who signs in). */
const codes = new Map();
/** access token -> profile. */
const accessTokens = new Map();

const defaultProfile = { sub: 'johndoe', email: 'johndoe@example.com', email_verified: true, name: 'John Doe' };

function profileFromHint(hint) {
  if (typeof hint !== 'string' || hint === '') {
    return defaultProfile;
  }
  try {
    return { ...defaultProfile, ...JSON.parse(Buffer.from(hint, 'base64url').toString('utf8')) };
  } catch {
    return defaultProfile;
  }
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

service.on('beforeAuthorizeRedirect', ({ url }, req) => {
  const query = req.query ?? {};
  const profile = profileFromHint(query.login_hint);
  const code = url.searchParams.get('code');
  if (code === null) {
    return;
  }
  if (profile.deny) {
    url.searchParams.delete('code');
    url.searchParams.set('error', 'access_denied');
    url.searchParams.set('error_description', 'The user denied the request.');
    return;
  }
  if (query.code_challenge && query.code_challenge_method !== 'S256') {
    url.searchParams.delete('code');
    url.searchParams.set('error', 'invalid_request');
    url.searchParams.set('error_description', 'Only S256 code challenges are accepted.');
    return;
  }
  codes.set(code, {
    profile,
    clientId: query.client_id,
    redirectUri: query.redirect_uri,
    hasChallenge: Boolean(query.code_challenge),
  });
});

// The mock's tokens carry no unique claim: two issued in the same second for the same client would be the
// same string, and one sign-in would read the other's profile. A jti makes every token distinct.
service.on('beforeTokenSigning', (token) => {
  token.payload.jti = randomUUID();
});

service.on('beforeResponse', (response, req) => {
  const body = req.body ?? {};
  if (body.grant_type !== 'authorization_code') {
    return;
  }
  const refuse = (description) => {
    response.statusCode = 400;
    response.body = { error: 'invalid_grant', error_description: description };
  };
  const issued = codes.get(body.code);
  codes.delete(body.code);
  if (issued === undefined) {
    return refuse('Unknown or already used code.');
  }
  if (body.client_id !== issued.clientId || !body.client_secret) {
    return refuse('Client authentication failed.');
  }
  if (body.redirect_uri !== issued.redirectUri) {
    return refuse('redirect_uri differs from the authorization request.');
  }
  if (issued.hasChallenge && !body.code_verifier) {
    return refuse('code_verifier required.');
  }
  accessTokens.set(response.body.access_token, issued.profile);
});

function profileOf(req) {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/i.exec(header);
  return match ? accessTokens.get(match[1]) : undefined;
}

service.on('beforeUserinfo', (response, req) => {
  const profile = profileOf(req);
  if (profile === undefined) {
    response.statusCode = 401;
    response.body = { error: 'invalid_token' };
    return;
  }
  response.body = { sub: profile.sub, email: profile.email, email_verified: profile.email_verified, name: profile.name };
});

function withProfile(handler) {
  return (req, res) => {
    const profile = profileOf(req);
    if (profile === undefined) {
      sendJson(res, 401, { message: 'Bad credentials' });
      return;
    }
    handler(profile, res);
  };
}

const numericOrText = (id) => (/^\d+$/.test(id) ? Number(id) : id);

service.addRoute('GET', '/github/user', withProfile((profile, res) => sendJson(res, 200, {
  id: numericOrText(profile.sub),
  login: profile.name,
  name: profile.name,
  email: profile.email_verified ? profile.email : null,
})));

service.addRoute('GET', '/github/user/emails', withProfile((profile, res) => sendJson(res, 200, [
  { email: `${profile.sub}+noreply@users.noreply.github.example`, primary: false, verified: true, visibility: null },
  ...(profile.email ? [{ email: profile.email, primary: true, verified: Boolean(profile.email_verified), visibility: 'public' }] : []),
])));

service.addRoute('GET', '/discord/users/@me', withProfile((profile, res) => sendJson(res, 200, {
  id: String(profile.sub),
  username: profile.name,
  global_name: profile.name,
  email: profile.email ?? null,
  verified: Boolean(profile.email_verified),
})));

await server.start(port, '127.0.0.1');
console.log(`oauth provider listening on ${server.issuer.url}`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

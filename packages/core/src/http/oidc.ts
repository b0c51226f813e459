/**
 * OpenID Connect sign-in (authorisation code flow with PKCE, state and nonce) via
 * openid-client. Targets: GOV.UK One Login (private_key_jwt client authentication,
 * email from the userinfo endpoint) and Microsoft Entra ID (client secret).
 * Users are never created here: an administrator adds them first, by email.
 */
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { SignedInUser } from '../users/roles.ts';
import { signInWithIdentity } from '../users/service.ts';

export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
}

async function clientAuthentication(oidc: OidcConfig): Promise<client.ClientAuth> {
  if (!oidc.privateKeyPem) return client.ClientSecretBasic(oidc.clientSecret!);
  const der = createPrivateKey(oidc.privateKeyPem).export({ format: 'der', type: 'pkcs8' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  return client.PrivateKeyJwt(key);
}

export function createOidcClient(oidc: OidcConfig, publicUrl: string) {
  const redirectUri = new URL('/sign-in/oidc/callback', publicUrl).toString();
  let discovered: Promise<client.Configuration> | undefined;

  // Discovery happens on first use, so a provider that is briefly down does not stop the server starting.
  const configuration = () => {
    discovered ??= clientAuthentication(oidc)
      .then((auth) =>
        client.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret ? { client_secret: oidc.clientSecret } : {}, auth, {
          // Plain http only for a provider on this machine (tests, local development).
          execute: /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(oidc.issuer) ? [client.allowInsecureRequests] : [],
        }),
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async start(): Promise<{ url: string; state: OidcPending }> {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: oidc.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.toString(), state: { state, nonce, verifier } };
    },

    async finish(database: Database, callbackUrl: URL, pending: OidcPending): Promise<SignedInUser> {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = tokens.claims()!;
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      let emailVerified = claims.email_verified === true;
      if (!email) {
        // GOV.UK One Login returns email only from the userinfo endpoint.
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        email = typeof info.email === 'string' ? info.email : undefined;
        emailVerified = info.email_verified === true;
      }
      return signInWithIdentity(database, {
        issuer: String(claims.iss),
        subject: claims.sub,
        email,
        emailVerified: emailVerified || oidc.trustEmail === true,
      });
    },
  };
}

// sms-webhooks/testing: helpers for users' own tests. Not needed at run time. Each provider has the same pair:
// a fixture (`mtaFixture`, `httpsmsFixture`) and an async sign helper (`signMtaRequest`, `signHttpsmsRequest`).
export { mtaFixture, type MtaFixtureOptions } from './mta-fixtures.js';
export { signMtaRequest, signedMtaRequest, type SignedRequest, type SignedMtaRequest, type SignableBody, type SignedBody } from './sign.js';
export { httpsmsFixture, type HttpsmsFixtureOverrides } from './httpsms-fixtures.js';
export {
  signHttpsmsRequest,
  signedHttpsmsRequest,
  type HttpsmsSignOptions,
  type SignedHttpsmsRequest,
} from './httpsms-sign.js';
export type { FixtureOverrides, MtaWirePayload, HttpsmsWireData, HttpsmsWireEnvelope } from './fixture-types.js';

// sms-webhooks/testing: helpers for users' own tests. Not needed at run time.
export { mtaFixture, type MtaFixtureOptions } from './mta-fixtures.js';
export { signedMtaRequest, type SignedRequest } from './sign.js';
export { httpsmsFixture, type HttpsmsFixtureOverrides } from './httpsms-fixtures.js';
export { signedHttpsmsRequest, type HttpsmsSignOptions, type SignedHttpsmsRequest } from './httpsms-sign.js';

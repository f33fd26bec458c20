import request from 'supertest';
import { createMtaReceiver } from '../../src/mta/receiver';
import type { MtaMessageReplyEvent } from '../../src/mta/events';
import { MTA_OPT_OUT_KEYWORDS } from '../../src/mta/opt-out';
import { parseMtaEvent, type ParseMtaEventOptions } from '../../src/mta/parse';
import { mtaFixture, signedMtaRequest } from '../../src/testing';
import { EXPRESS_VERSIONS, SECRET } from '../helpers/apps';
import { mtaApp } from '../helpers/mta-app';

const reply = (message: string, version: 1 | 2 | 3 = 3, options?: ParseMtaEventOptions, flag = false) =>
  parseMtaEvent(
    mtaFixture('message-reply', { version, overrides: version === 3 ? { message } : { message, isOptOutMessage: flag } }),
    options,
  ).normalized as MtaMessageReplyEvent['normalized'];

describe('opt-outs on V3: the whole reply is an opt-out keyword', () => {
  it.each([...MTA_OPT_OUT_KEYWORDS])('%s is an opt-out', (keyword) => {
    expect(reply(keyword)).toMatchObject({ isOptOut: true, optOutSource: 'keyword' });
  });

  it.each([
    'stop', 'Stop', 'STOP!', ' stop. ', '\n\tStop\n', '"STOP"', '¡Stop!', '...unsubscribe...', 'opt out', 'Opt   Out', 'optout',
    'ＳＴＯＰ', // fullwidth letters, as some phones send them
  ])('%j is an opt-out (case, surrounding whitespace and punctuation ignored)', (message) => {
    expect(reply(message)).toMatchObject({ isOptOut: true, optOutSource: 'keyword' });
  });

  it.each([
    'please stop', 'STOP 2', 'stop it', 'stopp', 'stop-all', 'opt-out', 'don\'t stop', 'STOP🛑', 'Yes, Thursday works', '', 'S T O P',
  ])('%j is not an opt-out by keyword', (message) => {
    const normalized = reply(message);
    expect(normalized.isOptOut).toBe(false);
    expect(normalized.optOutSource).toBeUndefined();
  });

  it('takes added words (other languages) on top of the default list', () => {
    const options = { optOutKeywords: { add: ['ARRET', 'baja'] } };
    expect(reply('Arret', 3, options).isOptOut).toBe(true);
    expect(reply('BAJA.', 3, options).isOptOut).toBe(true);
    expect(reply('STOP', 3, options).isOptOut).toBe(true);
  });

  it('takes a full list in place of the default one', () => {
    const options = { optOutKeywords: ['STOP', 'HALT'] };
    expect(reply('halt', 3, options).isOptOut).toBe(true);
    expect(reply('CANCEL', 3, options).isOptOut).toBe(false);
  });

  it.each([[{ add: 'ARRET' }], [['STOP', 3]], [['!!']], ['STOP']])('refuses optOutKeywords %j with a TypeError naming it', (optOutKeywords) => {
    expect(() => createMtaReceiver({ secret: SECRET, optOutKeywords: optOutKeywords as never })).toThrow(
      /Option "optOutKeywords" must be a list of words, or \{ add: \[\.\.\.\] \}/,
    );
  });
});

describe('opt-outs on V1 and V2: MTA\'s own flag', () => {
  it.each([1, 2] as const)('V%d: isOptOutMessage true is an opt-out from the provider', (version) => {
    expect(reply('Stop sending me these', version, undefined, true)).toMatchObject({ isOptOut: true, optOutSource: 'provider' });
  });

  it.each([1, 2] as const)('V%d: isOptOutMessage false is no opt-out, whatever the text (MTA decided)', (version) => {
    const normalized = reply('STOP', version, undefined, false);
    expect(normalized.isOptOut).toBe(false);
    expect(normalized.optOutSource).toBeUndefined();
  });
});

describe.each(EXPRESS_VERSIONS)('%s: opt-outs through a real route', (_name, express) => {
  it.each([
    ['V3 "STOP"', 3, { message: 'STOP' }, true, 'keyword'],
    ['V3 "Stop!" ', 3, { message: ' Stop! ' }, true, 'keyword'],
    ['V3 "please stop"', 3, { message: 'please stop' }, false, undefined],
    ['V2 flagged by MTA', 2, { isOptOutMessage: true }, true, 'provider'],
    ['V1 not flagged', 1, { message: 'STOP', isOptOutMessage: false }, false, undefined],
  ] as const)('%s', async (_case, version, overrides, isOptOut, optOutSource) => {
    const { app, handled } = mtaApp(express);
    const { body, headers } = signedMtaRequest(mtaFixture('message-reply', { version, overrides }), SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    expect(handled).toHaveLength(1);
    expect(handled[0]?.normalized).toMatchObject({ isOptOut });
    expect((handled[0]?.normalized as { optOutSource?: string }).optOutSource).toBe(optOutSource);
  });

  it('the receiver option optOutKeywords reaches the route', async () => {
    const { app, handled } = mtaApp(express, { optOutKeywords: { add: ['ARRET'] } });
    const { body, headers } = signedMtaRequest(mtaFixture('message-reply', { overrides: { message: 'Arrêt' } }), SECRET);
    expect((await request(app).post('/webhooks/mta').set(headers).send(body)).status).toBe(200);
    // Accents are kept: "ARRÊT" is another word than "ARRET"; add both spellings when both are wanted.
    expect(handled[0]?.normalized).toMatchObject({ isOptOut: false });
    const again = signedMtaRequest(mtaFixture('message-reply', { unique: true, overrides: { message: 'arret!' } }), SECRET);
    expect((await request(app).post('/webhooks/mta').set(again.headers).send(again.body)).status).toBe(200);
    expect(handled[1]?.normalized).toMatchObject({ isOptOut: true, optOutSource: 'keyword' });
  });
});

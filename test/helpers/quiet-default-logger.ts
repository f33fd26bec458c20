import pino from 'pino';
import { replaceDefaultLogger } from '../../src/core/logger';

// Runs before every test file: receivers made without a logger stay quiet. test/core/logger.test.ts puts the
// real default (stderr) back to test it.
replaceDefaultLogger(pino({ level: 'silent' }));

import { httpsmsWebhooks, mtaWebhooks } from '../../../src';
import type { ExpressFactory } from '../../helpers/apps';
import { createRecorder, receiverOptions } from './settings';

/** The fixture app on Express: both routes mounted as the README shows, and GET /handled. */
export function createExpressApp(express: ExpressFactory) {
  const recorder = createRecorder();
  const options = receiverOptions(recorder);
  const app = express();
  app.post('/webhooks/mta', mtaWebhooks(options.mta));
  app.post('/webhooks/httpsms', httpsmsWebhooks(options.httpsms));
  app.get('/handled', (_req, res) => {
    res.json(recorder.handled);
  });
  return app;
}

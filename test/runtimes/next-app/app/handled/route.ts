import { recorder } from '../recorder';

export const dynamic = 'force-dynamic';
export function GET(): Response {
  return Response.json(recorder.handled);
}

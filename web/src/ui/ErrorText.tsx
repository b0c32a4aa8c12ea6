// An API refusal shown next to the control that caused it, in the user's language.
import { errorMessage } from '../i18n/errors';

export function ErrorText({ error, testid, id }: { error: unknown; testid: string; id?: string }) {
  if (!error) return null;
  return <p class="error" role="alert" id={id} data-testid={testid}>{errorMessage(error)}</p>;
}

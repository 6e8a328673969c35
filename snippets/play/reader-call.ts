/**
 * One call the reader's client can make in the player (a `PlayClientCall`), built from what the
 * model's operation is: every model's reader calls have the same shape — a button, whether it takes a
 * value, a timeout so the reader's client is free again if no answer comes — and differ only in the
 * request they send.
 */
import type { Call, ClientId, ModelTypes } from '../sim/index.ts';
import type { PlayClientCall } from './descriptor.ts';

/** The operation a call sends, from the value the reader gave, the call's number (from 1) and the reader's client id. */
export type ReaderOperation<T extends ModelTypes> = (value: number, number: number, client: ClientId) => Omit<Call<T>, 'to' | 'timeoutTicks' | 'retry'>;

export function readerCall<T extends ModelTypes>(
  id: string,
  label: string,
  { takesValue, timeoutTicks }: { readonly takesValue: boolean; readonly timeoutTicks: number },
  operation: ReaderOperation<T>,
): PlayClientCall<T> {
  return { id, label, takesValue, call: (client, to, value, number) => ({ to, ...operation(value, number, client), timeoutTicks }) };
}

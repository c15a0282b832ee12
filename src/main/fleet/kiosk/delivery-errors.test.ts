import { expect, it } from 'vitest';
import { describeDeliveryError } from './delivery-errors';

const server = 'db:5432/kiosk_fleet (TLS verify-full)';
const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

it('says the centre cannot be reached for a lost connection, whether Node or node-postgres reports it', () => {
  for (const error of [
    coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432'),
    coded('ETIMEDOUT', 'no answer within 30 s'),
    new Error('Connection terminated unexpectedly'),
    new Error('Connection terminated due to connection timeout'),
    new Error('timeout expired'),
    new Error('Client has encountered a connection error and is not queryable'),
  ]) {
    expect(describeDeliveryError(error, server)).toMatch(/cannot be reached .*delivery will try again/);
  }
});

it('names refused credentials, a refused write and a restarting server by their SQLSTATE', () => {
  expect(describeDeliveryError(coded('28P01', 'password authentication failed'), server)).toMatch(
    /refused this kiosk's credentials .*new enrolment string/,
  );
  expect(describeDeliveryError(coded('42501', 'new row violates row-level security policy'), server)).toMatch(
    /refused a write/,
  );
  expect(describeDeliveryError(coded('57P01', 'terminating connection due to administrator command'), server)).toMatch(
    /shutting down or starting up/,
  );
  expect(describeDeliveryError(new Error('something else'), server)).toBe(
    `Delivery to the fleet database at ${server} failed: something else`,
  );
});

it('says what happens next for a passing fault in the caller’s words, not always delivery’s', () => {
  const lost = coded('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432');
  const restarting = coded('57P03', 'the database system is starting up');
  for (const error of [lost, restarting]) {
    const sentence = describeDeliveryError(error, server, 'the kiosk will look again later');
    expect(sentence).toMatch(/; the kiosk will look again later\.$/);
    expect(sentence).not.toMatch(/delivery/);
  }
});

import { expect, it } from 'vitest';
import { isCentreUnavailableNow, isNetworkFailure, isSqlState } from './centre-errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

it('calls a failure of the network what Node and node-postgres report for one, with or without a code', () => {
  for (const code of [
    'ECONNREFUSED',
    'ECONNRESET',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
  ]) {
    expect(isNetworkFailure(withCode(code)), code).toBe(true);
  }
  for (const message of [
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout expired',
    'Query read timeout',
    'Client has encountered a connection error and is not queryable',
  ]) {
    expect(isNetworkFailure(new Error(message)), message).toBe(true);
  }
});

it('does not call PostgreSQL’s refusals or our own faults a network failure', () => {
  expect(isNetworkFailure(withCode('28P01', 'password authentication failed'))).toBe(false);
  expect(isNetworkFailure(withCode('42501', 'permission denied'))).toBe(false);
  // A code decides: a refusal whose text happens to start like a lost connection is still a refusal.
  expect(isNetworkFailure(withCode('28000', 'Connection terminated by policy'))).toBe(false);
  expect(isNetworkFailure(new TypeError('Cannot read properties of undefined'))).toBe(false);
  expect(isNetworkFailure('The disk is full')).toBe(false);
});

it('tells PostgreSQL’s five-character SQLSTATE from Node’s codes', () => {
  expect(isSqlState('57P01')).toBe(true);
  expect(isSqlState('28P01')).toBe(true);
  expect(isSqlState('ECONNREFUSED')).toBe(false);
  expect(isSqlState(undefined)).toBe(false);
});

it('counts a server going away or cancelling at its timeout as unavailable now, and a refusal as not', () => {
  expect(isCentreUnavailableNow(withCode('57P01', 'terminating connection due to administrator command'))).toBe(true);
  expect(isCentreUnavailableNow(withCode('57014', 'canceling statement due to statement timeout'))).toBe(true);
  expect(isCentreUnavailableNow(new Error('Query read timeout'))).toBe(true);
  expect(isCentreUnavailableNow(withCode('28P01', 'password authentication failed'))).toBe(false);
  expect(isCentreUnavailableNow(withCode('42501', 'permission denied'))).toBe(false);
});

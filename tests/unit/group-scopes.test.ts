import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler, scopesForGroups } from '../../functions/auth/group-scopes';

const event = (groups: string[]) =>
  ({
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-west-2',
    userPoolId: 'eu-west-2_test',
    userName: 'planner@demo.example',
    callerContext: { awsSdkVersion: 'test', clientId: 'client' },
    request: {
      userAttributes: { sub: 'u-1' },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] },
      scopes: ['openid'],
    },
    response: { claimsAndScopeOverrideDetails: null },
  }) as unknown as PreTokenGenerationV2TriggerEvent;

describe('group scopes (pre-token-generation trigger)', () => {
  it('turns each known group into a send/<group> scope, in a stable order', () => {
    expect(scopesForGroups(['readers', 'caseworkers'])).toEqual(['send/caseworkers', 'send/readers']);
  });

  it('ignores groups the API does not know, and gives no scope to a user in no group', () => {
    expect(scopesForGroups(['admins', 'Planners'])).toEqual([]);
    expect(scopesForGroups([])).toEqual([]);
  });

  it('adds the scopes to the access token only', async () => {
    const result = await handler(event(['planners', 'finance']));
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { scopesToAdd: ['send/planners', 'send/finance'] },
    });
  });
});

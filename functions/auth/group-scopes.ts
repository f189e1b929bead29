// Cognito pre-token-generation trigger (V2): copies the user's groups into the access token as OAuth
// scopes (`send/<group>`), so API Gateway's JWT authorizer can enforce route-level groups at the edge
// before any Lambda runs. The app checks the same groups again from the `cognito:groups` claim.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { GROUPS, type Group } from '../api/identity';

/** OAuth scope carrying one group membership. */
export const groupScope = (group: Group) => `send/${group}`;

export function scopesForGroups(groups: readonly string[]): string[] {
  return GROUPS.filter((group) => groups.includes(group)).map(groupScope);
}

export const handler = async (event: PreTokenGenerationV2TriggerEvent) => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: {
        scopesToAdd: scopesForGroups(event.request.groupConfiguration.groupsToOverride ?? []),
      },
    },
  };
  return event;
};

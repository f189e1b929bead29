// The one table definition, shared by the CDK stack and the local runtime so the local schema
// can never drift from the deployed one. Every access pattern is documented in README.md.
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items lazily, so readers must also filter on it. */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** Every item of one kind (`placement`, `provision`, `budget`, …) by last change: lists and "changed since". */
    { indexName: 'byType', partitionKey: 'entityType', sortKey: 'updatedAt' },
    /** Placements by primary need and status (`ASD#active`), newest start first. */
    { indexName: 'byNeed', partitionKey: 'needStatus', sortKey: 'startDate' },
    /** Placements filling a local commissioned provision (sparse: only those with a provisionId). */
    { indexName: 'byProvision', partitionKey: 'provisionId', sortKey: 'startDate' },
    /** Out-of-borough placements by status (sparse: `active` / `ended`, set only when out of borough). */
    { indexName: 'outOfBorough', partitionKey: 'oobStatus', sortKey: 'startDate' },
  ],
} as const;

export type IndexName = (typeof TABLE.globalSecondaryIndexes)[number]['indexName'];

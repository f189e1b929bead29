// Generated from the OpenAPI document by `npm run api:types` (functions/api/contract-files.ts): do not edit.
// The types of every route's parameters, bodies and answers, for a typed client such as openapi-fetch.
// tests/unit/openapi-contract.test.ts fails when this file is stale.
/* biome-ignore-all format: generated */
/* biome-ignore-all lint: generated */

export interface paths {
  "/placements": {
    /**
     * List placements, a page at a time, optionally filtered
     * @description Filters combine (all must hold). Pages hold `limit` records; pass the answer's `cursor` back for the next page (the last page has none).
     *
     * Who may call it: caseworkers, planners, finance.
     */
    get: operations["getPlacements"];
    /**
     * Record a placement
     * @description A client-given `id` (or an `Idempotency-Key`) makes the create safe to retry: the same body again answers the stored record; a different body with the same id or key is a 409.
     *
     * Who may call it: caseworkers.
     */
    post: operations["postPlacements"];
  };
  "/placements/{id}": {
    /**
     * Read one placement
     * @description Who may call it: caseworkers, planners, finance.
     */
    get: operations["getPlacementsId"];
    /**
     * Change a placement
     * @description Send only the fields that change, and the version you read (`If-Match` or `version`). A cost change keeps the earlier costs in `costHistory`, effective from `costsEffectiveFrom` (default: today).
     *
     * Who may call it: caseworkers.
     */
    patch: operations["patchPlacementsId"];
  };
  "/placements/{id}/end": {
    /**
     * End a placement
     * @description Who may call it: caseworkers.
     */
    post: operations["postPlacementsIdEnd"];
  };
  "/placements/{id}/history": {
    /**
     * A placement's audit trail
     * @description Every change, oldest first: who made it, when, and each field before and after.
     *
     * Who may call it: caseworkers, planners.
     */
    get: operations["getPlacementsIdHistory"];
  };
  "/summary": {
    /**
     * The caseload and its annual cost on a date
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getSummary"];
  };
  "/provisions": {
    /**
     * Every local provision
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getProvisions"];
    /**
     * Record a local provision and its commissioned places
     * @description Who may call it: planners.
     */
    post: operations["postProvisions"];
  };
  "/provisions/{id}": {
    /**
     * Read one provision
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getProvisionsId"];
    /**
     * Change a provision
     * @description Who may call it: planners.
     */
    patch: operations["patchProvisionsId"];
  };
  "/occupancy": {
    /**
     * How full each provision is on a date
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getOccupancy"];
  };
  "/projections": {
    /**
     * Project the caseload and its cost (Markov model), optionally under a scenario
     * @description Runs on the stored placements, provisions and population (409 `population_missing` without one). The result is stored: read it again by id.
     *
     * Who may call it: planners.
     */
    post: operations["postProjections"];
  };
  "/projections/{id}": {
    /**
     * Read a stored projection
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getProjectionsId"];
  };
  "/scenarios": {
    /**
     * Every stored scenario
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getScenarios"];
    /**
     * Store a scenario (changes to places, demand or costs) to project under
     * @description Who may call it: planners.
     */
    post: operations["postScenarios"];
  };
  "/scenarios/{id}": {
    /**
     * Read a stored scenario
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getScenariosId"];
  };
  "/population": {
    /**
     * The authority's general population (ONS projections, one area)
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getPopulation"];
    /**
     * Replace the population with an ONS sub-national projections CSV for one area
     * @description Who may call it: planners.
     */
    put: operations["putPopulation"];
  };
  "/spend": {
    /**
     * High-needs spend in a financial year, split one way
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getSpend"];
  };
  "/outturn": {
    /**
     * Forecast outturn for a financial year against its budget
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getOutturn"];
  };
  "/forecast": {
    /**
     * The multi-year high needs forecast: the Markov projection priced draw by draw, against budget
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getForecast"];
  };
  "/budgets/{financialYear}": {
    /**
     * A financial year's high-needs budget
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getBudgetsFinancialYear"];
    /**
     * Set a financial year's budget lines
     * @description Replacing a stored budget names the version read (`If-Match` or `version`).
     *
     * Who may call it: finance.
     */
    put: operations["putBudgetsFinancialYear"];
  };
  "/finance/settings": {
    /**
     * The forecast's finance settings: cost uplift, budget growth, opening DSG balance
     * @description Each setting with its source; defaults (version 0, no ETag) until finance sets them.
     *
     * Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getFinanceSettings"];
    /**
     * Set the forecast's finance settings
     * @description Replacing stored settings names the version read (`If-Match` or `version`).
     *
     * Who may call it: finance.
     */
    put: operations["putFinanceSettings"];
  };
  "/exports/placements.csv": {
    /**
     * Placements as CSV (all, or those a GET /placements filter picks)
     * @description Who may call it: caseworkers, planners, finance.
     */
    get: operations["getExportsPlacementsCsv"];
  };
  "/exports/placements.xlsx": {
    /**
     * Placements as an Excel workbook (all, or those a GET /placements filter picks)
     * @description Who may call it: caseworkers, planners, finance.
     */
    get: operations["getExportsPlacementsXlsx"];
  };
  "/exports/census.csv": {
    /**
     * The January census snapshot of a year, one row per child
     * @description Who may call it: caseworkers, planners.
     */
    get: operations["getExportsCensusCsv"];
  };
  "/exports/witan/{file}": {
    /**
     * One witan.send input file, from the stored placements
     * @description Who may call it: caseworkers, planners.
     */
    get: operations["getExportsWitanFile"];
  };
  "/exports/dsg-plan.csv": {
    /**
     * The DSG management plan, as CSV
     * @description By default the multi-year management plan from the high needs forecast (`GET /forecast`): `from` (default this financial year), `years` (default 5) and optional `mitigations` (scenario ids). With `fy`, one year's table from the recorded placements instead.
     *
     * Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getExportsDsgPlanCsv"];
  };
  "/exports/dsg-plan.xlsx": {
    /**
     * The DSG management plan, as an Excel workbook
     * @description By default the multi-year management plan from the high needs forecast (`GET /forecast`): `from` (default this financial year), `years` (default 5) and optional `mitigations` (scenario ids). With `fy`, one year's table from the recorded placements instead.
     *
     * Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getExportsDsgPlanXlsx"];
  };
  "/imports/{id}": {
    /**
     * An import job's progress
     * @description Who may call it: caseworkers, planners.
     */
    get: operations["getImportsId"];
  };
  "/imports": {
    /**
     * Import placements: a file (CSV, XLSX, SEN2 XML, multipart), or start a job for rows sent in batches
     * @description A file up to the body limit is parsed and imported in the request. For any size, parse locally and send JSON: this creates a job (or resumes the unfinished job of the same file), then send rows with `POST /imports/{id}/rows` and finish with `POST /imports/{id}/complete`.
     *
     * Who may call it: caseworkers.
     */
    post: operations["postImports"];
  };
  "/imports/{id}/rows": {
    /**
     * Send the next batch of rows of an import job
     * @description Who may call it: caseworkers.
     */
    post: operations["postImportsIdRows"];
  };
  "/imports/{id}/complete": {
    /**
     * Finish an import job once every row is sent
     * @description Who may call it: caseworkers.
     */
    post: operations["postImportsIdComplete"];
  };
  "/alerts": {
    /**
     * Monthly alert runs on record
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getAlerts"];
  };
  "/alerts/runs": {
    /**
     * Run a month's alerts now (local runtime; a deployed stack runs them on its schedule)
     * @description Who may call it: planners.
     */
    post: operations["postAlertsRuns"];
  };
  "/me": {
    /**
     * Who the API takes the caller to be, and their groups
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getMe"];
  };
  "/readiness": {
    /**
     * What this authority has loaded and what is missing, item by item, with how to fill each
     * @description Who may call it: caseworkers, planners, finance, readers.
     */
    get: operations["getReadiness"];
  };
  "/openapi.json": {
    /**
     * This OpenAPI 3.1 document
     * @description Public: no sign-in (it holds no data).
     */
    get: operations["getOpenapiJson"];
  };
  "/docs": {
    /**
     * Interactive API docs (Swagger UI, served from this deployment, no CDN)
     * @description Public: no sign-in (it holds no data).
     */
    get: operations["getDocs"];
  };
  "/docs/{proxy}": {
    /**
     * The docs page's scripts, styles and changelog
     * @description Public: no sign-in (it holds no data).
     */
    get: operations["getDocsProxy"];
  };
  "/": {
    /**
     * The dashboard page
     * @description Public: no sign-in (it holds no data).
     */
    get: operations["getRoot"];
  };
  "/assets/{proxy}": {
    /**
     * The dashboard's scripts, styles and sign-in settings
     * @description Public: no sign-in (it holds no data).
     */
    get: operations["getAssetsProxy"];
  };
}

export type webhooks = Record<string, never>;

export interface components {
  schemas: {
    Alert: {
      /** @enum {string} */
      rule: "provision-occupancy" | "projected-shortfall" | "outturn-over-budget" | "out-of-borough-growth";
      /** @enum {string} */
      severity: "critical" | "warn" | "watch";
      key: string;
      subject: string;
      message: string;
      view: string;
      figures: {
        [key: string]: number | string;
      };
    };
    AlertHistory: {
      authority: string;
      since: string;
      runs: components["schemas"]["AlertRun"][];
    };
    AlertRun: {
      authority: string;
      month: string;
      /** @enum {string} */
      status: "sending" | "sent" | "failed";
      alerts: components["schemas"]["Alert"][];
      digest?: {
        subject: string;
        body: string;
      };
      /** Format: date-time */
      claimedAt: string;
      /** Format: date-time */
      sentAt?: string;
      error?: string;
    };
    AlertRunResult: {
      authority: string;
      month: string;
      alerts: components["schemas"]["Alert"][];
      digest?: {
        subject: string;
        body: string;
      };
      published: boolean;
      alreadySent: boolean;
    };
    AuditEntry: {
      entityType: string;
      entityId: string;
      version: number;
      /** @enum {string} */
      action: "create" | "update" | "end" | "put" | "delete";
      /** Format: date-time */
      at: string;
      by: {
        userId: string;
        name: string;
      };
      changes: {
          field: string;
          from?: unknown;
          to?: unknown;
        }[];
      importJob?: string;
    };
    Budget: {
      financialYear: string;
      lines: ({
          /** @enum {string} */
          dsgCategory: "MmSoA" | "RPSEN" | "MdSSA" | "NMISS" | "HspAP" | "P16FE" | "OTHER";
          /** @enum {string} */
          need?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
          amount: number;
        })[];
      openingDsgBalance?: number;
      notes?: string;
      total: number;
      version: number;
      createdAt: string;
      updatedAt: string;
      createdBy: string;
      updatedBy: string;
    };
    BudgetInput: {
      lines: ({
          /** @enum {string} */
          dsgCategory: "MmSoA" | "RPSEN" | "MdSSA" | "NMISS" | "HspAP" | "P16FE" | "OTHER";
          /** @enum {string} */
          need?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
          amount: number;
        })[];
      openingDsgBalance?: number;
      notes?: string;
      version?: number;
    };
    Error: {
      /** @description What went wrong, as a code: validation_failed, invalid_json, unauthorized, forbidden, not_found, conflict, population_missing, payload_too_large, unsupported_media_type, unprocessable, internal… */
      error: string;
      /** @description The same in words, naming the field or record. */
      message: string;
      /** @description 400: every field that is wrong, each with what is wrong with it. */
      errors?: {
          /** @description e.g. `startDate`, `costs.education`, `query.asOf`, `If-Match`, `3.startDate` (row 3) */
          field: string;
          message: string;
          line?: number;
          column?: number;
          [key: string]: unknown;
        }[];
      /** @description 409 on a stale version: the version stored now; read it again and retry. */
      currentVersion?: number;
      /** @description 500: quote it when reporting the problem. */
      requestId?: string;
      [key: string]: unknown;
    };
    ImportJob: {
      id: string;
      /** @enum {string} */
      status: "running" | "completed" | "failed";
      fileName: string;
      /** @enum {string} */
      format: "placements" | "sen2";
      progress: number;
      totalRows?: number;
      imported: number;
      rejected: number;
      duplicates: number;
      editedSince: number;
      rejects: {
          line: number;
          reason: string;
        }[];
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      updatedAt: string;
      error?: string;
    };
    ImportJobCreate: {
      fileName: string;
      /** @enum {string} */
      format: "placements" | "sen2";
      fingerprint: string;
      totalRows: number;
      /** @default 0 */
      rejected?: number;
      /** @default [] */
      rejects?: {
          line: number;
          reason: string;
        }[];
      /** @default 0 */
      duplicates?: number;
    };
    ImportRowBatch: {
      offset: number;
      rows: {
          line: number;
          /** @description A placement as POST /placements takes it. */
          placement: unknown;
        }[];
    };
    ImportUploadResult: {
      id: string;
      /** @enum {string} */
      status: "running" | "completed" | "failed";
      resumed: boolean;
      imported: number;
      rejected: number;
      duplicates: number;
      editedSince: number;
      rejects: {
          line: number;
          reason: string;
        }[];
      notes?: string[];
      ignoredColumns?: string[];
    };
    Me: {
      userId: string;
      name: string;
      groups: ("caseworkers" | "planners" | "finance" | "readers")[];
    };
    OccupancyReport: {
      /** Format: date */
      asOf: string;
      academicYear: number;
      thresholds: {
        occupancyWarn: number;
        occupancyCritical: number;
      };
      items: ({
          provisionId: string;
          name: string;
          places: number;
          occupied: number;
          share: number | null;
          /** @enum {string} */
          level: "ok" | "warn" | "critical";
        })[];
    };
    Outturn: {
      financialYear: string;
      /** Format: date */
      asOf: string;
      scope: string;
      actualToDate: number;
      committed: number;
      plannedStarts: number;
      expectedNew: {
        p05: number;
        p50: number;
        p95: number;
        placements: {
          p05: number;
          p50: number;
          p95: number;
        };
      };
      forecast: {
        p05: number;
        p50: number;
        p95: number;
      };
      allFunders: {
        actualToDate: number;
        committed: number;
        plannedStarts: number;
        expectedNew: {
          p05: number;
          p50: number;
          p95: number;
        };
        forecast: {
          p05: number;
          p50: number;
          p95: number;
        };
      };
      budget: number | null;
      variance: {
        p05: number;
        p50: number;
        p95: number;
      } | null;
      varianceShare: {
        p05: number;
        p50: number;
        p95: number;
      } | null;
      dsgBalance: {
        opening: number;
        closing: {
          p05: number;
          p50: number;
          p95: number;
        };
      } | null;
      byDsg: ({
          /** @enum {string} */
          dsgCategory: "MmSoA" | "RPSEN" | "MdSSA" | "NMISS" | "HspAP" | "P16FE" | "OTHER";
          label: string;
          budget: number | null;
          actualToDate: number;
          committed: number;
          plannedStarts: number;
          expectedNew: number;
          forecast: number;
          variance: number | null;
        })[];
      expectedStarts: {
        /** @enum {string} */
        source: "model" | "history";
        method: string;
        window: {
          from: string;
          to: string;
        } | null;
        history: {
            from: string;
            to: string;
            joiners: number;
          }[];
        rate: number;
        count: {
          p05: number;
          p50: number;
          p95: number;
        };
        unitCost: {
          education: number;
          allFunders: number;
        };
        meanDaysInYear: number;
        dsgMix: {
          [key: string]: number;
        };
        warnings?: string[];
      };
    };
    Placement: {
      id: string;
      childRef: string;
      /** @enum {string} */
      primaryNeed: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
      /** @enum {string} */
      secondaryNeed?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
      /** @enum {string} */
      setting: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
      residential: boolean;
      inBorough: boolean;
      hostLaCode?: string;
      providerUrn?: string;
      providerName?: string;
      lookedAfter: boolean;
      ncy?: number;
      birthMonth?: string;
      startDate: string;
      endDate?: string;
      /** @enum {string} */
      endReason?: "moved-setting" | "moved-out-of-area" | "plan-ceased-needs-met" | "plan-ceased-other" | "transferred-to-adult-services" | "left-education" | "other";
      costs: {
        /** @default 0 */
        education: number;
        /** @default 0 */
        socialCare: number;
        /** @default 0 */
        health: number;
        /** @default 0 */
        transport: number;
      };
      provisionId?: string;
      costHistory: {
          effectiveFrom: string;
          costs: {
            /** @default 0 */
            education: number;
            /** @default 0 */
            socialCare: number;
            /** @default 0 */
            health: number;
            /** @default 0 */
            transport: number;
          };
        }[];
      version: number;
      createdAt: string;
      updatedAt: string;
      createdBy: string;
      updatedBy: string;
    };
    PlacementEnd: {
      endDate: string;
      /** @enum {string} */
      endReason: "moved-setting" | "moved-out-of-area" | "plan-ceased-needs-met" | "plan-ceased-other" | "transferred-to-adult-services" | "left-education" | "other";
      version?: number;
    };
    PlacementInput: {
      id?: string;
      childRef: string;
      /** @enum {string} */
      primaryNeed: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
      /** @enum {string} */
      secondaryNeed?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
      /** @enum {string} */
      setting: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
      residential: boolean;
      inBorough: boolean;
      hostLaCode?: string;
      providerUrn?: string;
      providerName?: string;
      lookedAfter: boolean;
      ncy?: number;
      birthMonth?: string;
      startDate: string;
      endDate?: string;
      /** @enum {string} */
      endReason?: "moved-setting" | "moved-out-of-area" | "plan-ceased-needs-met" | "plan-ceased-other" | "transferred-to-adult-services" | "left-education" | "other";
      costs: {
        /** @default 0 */
        education?: number;
        /** @default 0 */
        socialCare?: number;
        /** @default 0 */
        health?: number;
        /** @default 0 */
        transport?: number;
      };
      provisionId?: string;
    };
    PlacementPage: {
      items: components["schemas"]["Placement"][];
      /** @description Opaque; absent on the last page. */
      cursor?: string;
    };
    PlacementPatch: {
      childRef?: string;
      /** @enum {string} */
      primaryNeed?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
      secondaryNeed?: ("ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA") | null;
      /** @enum {string} */
      setting?: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
      residential?: boolean;
      inBorough?: boolean;
      hostLaCode?: string | null;
      providerUrn?: string | null;
      providerName?: string | null;
      lookedAfter?: boolean;
      ncy?: number | null;
      birthMonth?: string | null;
      startDate?: string;
      endDate?: string;
      /** @enum {string} */
      endReason?: "moved-setting" | "moved-out-of-area" | "plan-ceased-needs-met" | "plan-ceased-other" | "transferred-to-adult-services" | "left-education" | "other";
      costs?: {
        /** @default 0 */
        education?: number;
        /** @default 0 */
        socialCare?: number;
        /** @default 0 */
        health?: number;
        /** @default 0 */
        transport?: number;
      };
      provisionId?: string | null;
      costsEffectiveFrom?: string;
      version?: number;
    };
    PopulationView: {
      areaCode: string;
      areaName: string;
      source: string;
      years: number[];
      ages: {
        min: number;
        max: number;
      };
      totals: {
          year: number;
          persons: number;
        }[];
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      createdBy: string;
      updatedBy: string;
    };
    ProjectionOutput: {
      baseYear: number;
      /** @enum {string} */
      method: "markov-monte-carlo" | "markov-expected" | "aggregate-prevalence" | "aggregate-count";
      horizon?: number;
      draws?: number;
      seed?: number;
      total: {
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      byNeed: {
          need: string;
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      bySetting: {
          setting: string;
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      byNeedSetting?: {
          need: string;
          setting: string;
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      byNeedPhase?: {
          need: string;
          phase: string;
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      byNeedSettingPhase?: {
          need: string;
          setting: string;
          phase: string;
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      byNcy?: {
          ncy: number;
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      cost: {
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      costByFinancialYear?: {
          financialYear: string;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      joiners?: {
          year: number;
          mean: number;
          p05: number;
          p25: number;
          p50: number;
          p75: number;
          p95: number;
        }[];
      trends?: ({
          need: string;
          setting?: string;
          /** @enum {string} */
          method: "flat" | "linear" | "log-linear" | "damped";
          /** @enum {string} */
          chosenBy: "fixed" | "weighted" | "short-history" | "pooled";
          residualSd: number;
          weights?: {
            [key: string]: number;
          };
          driftSd?: number;
          share?: number;
          growth?: number;
          rawGrowth?: number;
          capped?: boolean;
        })[];
      capacity?: ({
          need: string;
          phase: string;
          year: number;
          places: number;
          demand: {
            mean: number;
            p05: number;
            p25: number;
            p50: number;
            p75: number;
            p95: number;
          };
          shortfall: {
            p50: number;
            p95: number;
          };
          utilisation: number | null;
          overflow: {
            mean: number;
            p05: number;
            p25: number;
            p50: number;
            p75: number;
            p95: number;
          };
          overflowCost: {
            mean: number;
            p05: number;
            p25: number;
            p50: number;
            p75: number;
            p95: number;
          };
        })[];
      backtest?: {
        origins: number[];
        horizon: number;
        rows: ({
            need: string;
            horizon: number;
            n: number;
            mape: number | null;
            coverage50: number | null;
            coverage90: number | null;
            baselines: {
              lastValue: number | null;
              linearTrend: number | null;
            };
          })[];
        points: {
            need: string;
            origin: number;
            year: number;
            actual: number;
            forecast: {
              mean: number;
              p05: number;
              p25: number;
              p50: number;
              p75: number;
              p95: number;
            };
            lastValue: number;
            linearTrend: number;
          }[];
      };
      scenario?: {
        name: string;
        capitalCost?: number;
        rows: {
            year: number;
            specialistDemand: {
              baseline: number;
              scenario: number;
            };
            localPlaces: {
              baseline: number;
              scenario: number;
            };
            outOfBoroughAvoided: number;
            cost: {
              baseline: number;
              scenario: number;
            };
            saving: number;
            cumulativeSaving: number;
          }[];
        breakEvenYear: number | null;
      };
      population?: {
        areaCode?: string;
        areaName?: string;
        source: string;
      };
      warnings?: string[];
    };
    Provision: {
      id: string;
      name: string;
      /** @enum {string} */
      type: "resourced-provision" | "maintained-special" | "special-academy" | "alternative-provision" | "specialist-post16";
      providerUrn?: string;
      needs: ("ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA")[];
      phases: ("early-years" | "primary" | "secondary" | "post-16" | "post-19")[];
      commissionedPlaces: {
          academicYear: number;
          places: number;
        }[];
      /** @default [] */
      plannedChanges: ({
          /** @enum {string} */
          kind: "opening" | "expansion" | "reduction" | "closing";
          date: string;
          places: number;
          note?: string;
        })[];
      version: number;
      createdAt: string;
      updatedAt: string;
      createdBy: string;
      updatedBy: string;
    };
    ProvisionInput: {
      id?: string;
      name: string;
      /** @enum {string} */
      type: "resourced-provision" | "maintained-special" | "special-academy" | "alternative-provision" | "specialist-post16";
      providerUrn?: string;
      needs: ("ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA")[];
      phases: ("early-years" | "primary" | "secondary" | "post-16" | "post-19")[];
      commissionedPlaces: {
          academicYear: number;
          places: number;
        }[];
      /** @default [] */
      plannedChanges?: ({
          /** @enum {string} */
          kind: "opening" | "expansion" | "reduction" | "closing";
          date: string;
          places: number;
          note?: string;
        })[];
    };
    ProvisionPatch: {
      name?: string;
      /** @enum {string} */
      type?: "resourced-provision" | "maintained-special" | "special-academy" | "alternative-provision" | "specialist-post16";
      providerUrn?: string;
      needs?: ("ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA")[];
      phases?: ("early-years" | "primary" | "secondary" | "post-16" | "post-19")[];
      commissionedPlaces?: {
          academicYear: number;
          places: number;
        }[];
      plannedChanges?: ({
          /** @enum {string} */
          kind: "opening" | "expansion" | "reduction" | "closing";
          date: string;
          places: number;
          note?: string;
        })[];
      version?: number;
    };
    Readiness: {
      asOf: string;
      ready: boolean;
      items: ({
          /** @enum {string} */
          id: "censuses" | "population" | "provisions" | "budget" | "unit-costs" | "alerts";
          title: string;
          /** @enum {string} */
          status: "ready" | "partial" | "missing";
          summary: string;
          missing: string[];
          fill?: {
            route: string;
            command?: string;
            group: string;
          };
        })[];
      facts: {
        asOf: string;
        censuses: {
            year: number;
            children: number;
          }[];
        censusesNeeded: {
          toProject: number;
          forTrend: number;
        };
        population?: {
          areaCode: string;
          areaName: string;
          firstYear: number;
          lastYear: number;
        };
        authority: string;
        provisions: {
            id: string;
            name: string;
            academicYears: number[];
          }[];
        academicYear: number;
        financialYear: string;
        budget?: {
          total: number;
        };
        unitCosts: {
          census?: number;
          settings: ({
              /** @enum {string} */
              setting: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
              outOfBorough: boolean;
              children: number;
              costed: number;
              meanCost?: number;
            })[];
        };
        month: string;
        lastAlertRun?: {
          month: string;
          /** @enum {string} */
          status: "sending" | "sent" | "failed";
          alerts: number;
          sentAt?: string;
        };
      };
    };
    Scenario: {
      name: string;
      description?: string;
      capitalCost?: number;
      changes: (({
          /** @constant */
          kind: "places";
          provision?: string;
          need: string;
          /** @enum {string} */
          phase: "early-years" | "primary" | "secondary" | "post-16" | "post-19";
          places: number;
          fromAcademicYear: number;
        }) | ({
          /** @constant */
          kind: "scale";
          /** @enum {string} */
          transition: "joiners" | "leavers" | "movers";
          need?: string;
          setting?: string;
          factor: number;
          fromYear: number;
        }) | ({
          /** @constant */
          kind: "redirect";
          /** @enum {string} */
          transition: "joiners" | "movers";
          need?: string;
          /** @enum {string} */
          phase?: "early-years" | "primary" | "secondary" | "post-16" | "post-19";
          fromSetting: string;
          toSetting: string;
          share: number;
          fromYear: number;
        }) | {
          /** @constant */
          kind: "close";
          setting: string;
          fromYear: number;
        } | {
          /** @constant */
          kind: "unit-cost";
          need?: string;
          setting: string;
          cost: number;
          fromYear?: number;
        } | {
          /** @constant */
          kind: "inflation";
          rate: number;
        })[];
    };
    SpendSummary: {
      financialYear: string;
      /** Format: date */
      from: string;
      /** Format: date */
      to: string;
      /** @enum {string} */
      by: "need" | "setting" | "dsg" | "location" | "funder" | "month";
      /** @enum {string} */
      funder: "education" | "socialCare" | "health" | "transport" | "all";
      total: number;
      placements: number;
      breakdown: {
          key: string;
          label: string;
          amount: number;
          placements: number;
        }[];
      /** @enum {string} */
      basis: "actual" | "actual-and-committed";
      /** Format: date */
      actualTo: string;
      counts: string;
    };
    StoredProjection: {
      id: string;
      request: {
        horizon: number;
        draws: number;
        seed: number;
        expected: boolean;
        backtest: boolean;
        scenarioId?: string;
        scenarioName?: string;
      };
      censusYears: number[];
      /** Format: date-time */
      createdAt: string;
      createdBy: string;
      output: components["schemas"]["ProjectionOutput"];
    };
    StoredScenario: {
      id: string;
      scenario: components["schemas"]["Scenario"];
      version: number;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      createdBy: string;
      updatedBy: string;
    };
    Summary: {
      /** Format: date */
      asOf: string;
      total: {
        count: number;
        /** @description pounds per year, to the penny */
        annualCost: number;
      };
      cells: ({
          /** @enum {string} */
          primaryNeed: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
          /** @enum {string} */
          setting: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
          inBorough: boolean;
          count: number;
          /** @description pounds per year, to the penny */
          annualCost: number;
        })[];
      outOfBorough: {
        count: number;
        /** @description pounds per year, to the penny */
        annualCost: number;
        lookedAfter: number;
        lookedAfterShare: number | null;
      };
      topOutOfBoroughProviders: {
          providerUrn?: string;
          providerName: string;
          count: number;
          /** @description pounds per year, to the penny */
          annualCost: number;
        }[];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export interface operations {

  /**
   * List placements, a page at a time, optionally filtered
   * @description Filters combine (all must hold). Pages hold `limit` records; pass the answer's `cursor` back for the next page (the last page has none).
   *
   * Who may call it: caseworkers, planners, finance.
   */
  getPlacements: {
    parameters: {
      query?: {
        primaryNeed?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
        setting?: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
        status?: "active" | "ended";
        inBorough?: "true" | "false";
        lookedAfter?: "true" | "false";
        provisionId?: string;
        provider?: string;
        childRef?: string;
        changedSince?: string;
        limit?: number;
        /** @description The `cursor` of the previous page, as it came; absent for the first page. */
        cursor?: string;
      };
    };
    responses: {
      /** @description One page of placements. */
      200: {
        content: {
          "application/json": components["schemas"]["PlacementPage"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Record a placement
   * @description A client-given `id` (or an `Idempotency-Key`) makes the create safe to retry: the same body again answers the stored record; a different body with the same id or key is a 409.
   *
   * Who may call it: caseworkers.
   */
  postPlacements: {
    parameters: {
      header?: {
        /** @description Any 1–200 printable characters (a UUID is usual). A retry with the same key answers exactly as the first request did, with `Idempotent-Replayed: true`; the same key with a different body is a 409. */
        "Idempotency-Key"?: string;
      };
    };
    /** @description The placement: a pseudonymous child reference, never a name or UPN. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "id": "tour-0001",
         *   "childRef": "T-000001",
         *   "primaryNeed": "SPLD",
         *   "setting": "independent-special",
         *   "residential": false,
         *   "inBorough": false,
         *   "hostLaCode": "390",
         *   "lookedAfter": true,
         *   "ncy": 8,
         *   "providerUrn": "123456",
         *   "providerName": "Example Independent School",
         *   "startDate": "2025-09-01",
         *   "costs": {
         *     "education": 62000,
         *     "transport": 8000
         *   }
         * }
         */
        "application/json": components["schemas"]["PlacementInput"];
      };
    };
    responses: {
      /** @description The placement as stored, with its version and cost history. */
      201: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Placement"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Read one placement
   * @description Who may call it: caseworkers, planners, finance.
   */
  getPlacementsId: {
    parameters: {
      path: {
        /** @example tour-0001 */
        id: string;
      };
    };
    responses: {
      /** @description The placement as stored, with its version and cost history. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Placement"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Change a placement
   * @description Send only the fields that change, and the version you read (`If-Match` or `version`). A cost change keeps the earlier costs in `costHistory`, effective from `costsEffectiveFrom` (default: today).
   *
   * Who may call it: caseworkers.
   */
  patchPlacementsId: {
    parameters: {
      header: {
        /** @description The version you read (its `ETag`, e.g. `"3"`), or send `version` in the body. A stale version is a 409 with `currentVersion`. */
        "If-Match": string;
      };
      path: {
        /** @example tour-0001 */
        id: string;
      };
    };
    /** @description The fields to change. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "costs": {
         *     "education": 62000,
         *     "transport": 9500
         *   },
         *   "costsEffectiveFrom": "2026-01-01"
         * }
         */
        "application/json": components["schemas"]["PlacementPatch"];
      };
    };
    responses: {
      /** @description The placement as stored, with its version and cost history. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Placement"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * End a placement
   * @description Who may call it: caseworkers.
   */
  postPlacementsIdEnd: {
    parameters: {
      header?: {
        /** @description The version you read (its `ETag`), to refuse the write if the record changed since (409 with `currentVersion`); optional. */
        "If-Match"?: string;
      };
      path: {
        /** @example tour-0001 */
        id: string;
      };
    };
    /** @description The last day (inclusive) and why it ended. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "endDate": "2026-07-20",
         *   "endReason": "moved-setting",
         *   "version": 2
         * }
         */
        "application/json": components["schemas"]["PlacementEnd"];
      };
    };
    responses: {
      /** @description The placement as stored, with its version and cost history. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Placement"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * A placement's audit trail
   * @description Every change, oldest first: who made it, when, and each field before and after.
   *
   * Who may call it: caseworkers, planners.
   */
  getPlacementsIdHistory: {
    parameters: {
      path: {
        /** @example tour-0001 */
        id: string;
      };
    };
    responses: {
      /** @description The audit entries. */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["AuditEntry"][];
          };
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The caseload and its annual cost on a date
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getSummary: {
    parameters: {
      query?: {
        asOf?: string;
        top?: number;
      };
    };
    responses: {
      /** @description Counts and annual cost by need, setting and location. */
      200: {
        content: {
          "application/json": components["schemas"]["Summary"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Every local provision
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getProvisions: {
    responses: {
      /** @description The provisions. */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["Provision"][];
          };
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Record a local provision and its commissioned places
   * @description Who may call it: planners.
   */
  postProvisions: {
    /** @description The provision. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "id": "example-resourced-base",
         *   "name": "Example Primary resourced base",
         *   "type": "resourced-provision",
         *   "needs": [
         *     "ASD"
         *   ],
         *   "phases": [
         *     "primary"
         *   ],
         *   "commissionedPlaces": [
         *     {
         *       "academicYear": 2025,
         *       "places": 12
         *     }
         *   ]
         * }
         */
        "application/json": components["schemas"]["ProvisionInput"];
      };
    };
    responses: {
      /** @description The provision as stored, with its version. */
      201: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Provision"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Read one provision
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getProvisionsId: {
    parameters: {
      path: {
        /** @example example-resourced-base */
        id: string;
      };
    };
    responses: {
      /** @description The provision as stored, with its version. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Provision"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Change a provision
   * @description Who may call it: planners.
   */
  patchProvisionsId: {
    parameters: {
      header: {
        /** @description The version you read (its `ETag`, e.g. `"3"`), or send `version` in the body. A stale version is a 409 with `currentVersion`. */
        "If-Match": string;
      };
      path: {
        /** @example example-resourced-base */
        id: string;
      };
    };
    /** @description The fields to change. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "commissionedPlaces": [
         *     {
         *       "academicYear": 2025,
         *       "places": 14
         *     }
         *   ]
         * }
         */
        "application/json": components["schemas"]["ProvisionPatch"];
      };
    };
    responses: {
      /** @description The provision as stored, with its version. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Provision"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * How full each provision is on a date
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getOccupancy: {
    parameters: {
      query?: {
        asOf?: string;
      };
    };
    responses: {
      /** @description Places and children placed, per provision. */
      200: {
        content: {
          "application/json": components["schemas"]["OccupancyReport"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Project the caseload and its cost (Markov model), optionally under a scenario
   * @description Runs on the stored placements, provisions and population (409 `population_missing` without one). The result is stored: read it again by id.
   *
   * Who may call it: planners.
   */
  postProjections: {
    /** @description Run settings; every field has a default. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "horizon": 3,
         *   "expected": true,
         *   "backtest": false
         * }
         */
        "application/json": {
          /** @default 5 */
          horizon?: number;
          /** @default 1000 */
          draws?: number;
          /** @default 42 */
          seed?: number;
          /** @default false */
          expected?: boolean;
          /** @default true */
          backtest?: boolean;
          scenarioId?: string;
          scenario?: components["schemas"]["Scenario"];
        };
      };
    };
    responses: {
      /** @description The stored projection. */
      201: {
        content: {
          "application/json": components["schemas"]["StoredProjection"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid input the stored data cannot answer (too little history, a stored date out of range). */
      422: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Read a stored projection
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getProjectionsId: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The stored projection. */
      200: {
        content: {
          "application/json": components["schemas"]["StoredProjection"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Every stored scenario
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getScenarios: {
    responses: {
      /** @description The scenarios. */
      200: {
        content: {
          "application/json": {
            items: components["schemas"]["StoredScenario"][];
          };
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Store a scenario (changes to places, demand or costs) to project under
   * @description Who may call it: planners.
   */
  postScenarios: {
    /** @description The scenario. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "name": "Inflation 3%",
         *   "changes": [
         *     {
         *       "kind": "inflation",
         *       "rate": 0.03
         *     }
         *   ]
         * }
         */
        "application/json": components["schemas"]["Scenario"];
      };
    };
    responses: {
      /** @description The stored scenario. */
      201: {
        content: {
          "application/json": components["schemas"]["StoredScenario"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Read a stored scenario
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getScenariosId: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The stored scenario. */
      200: {
        content: {
          "application/json": components["schemas"]["StoredScenario"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The authority's general population (ONS projections, one area)
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getPopulation: {
    responses: {
      /** @description The stored population: area, years and totals. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["PopulationView"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Replace the population with an ONS sub-national projections CSV for one area
   * @description Who may call it: planners.
   */
  putPopulation: {
    parameters: {
      query?: {
        source?: string;
      };
      header?: {
        /** @description The version you read (its `ETag`), to refuse the write if the record changed since (409 with `currentVersion`); optional. */
        "If-Match"?: string;
      };
    };
    /** @description The ONS SNPP CSV (persons by single year of age) for one area, as published. */
    requestBody: {
      content: {
        /**
         * @example AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP,2022,2023,2024,2025,2026,2027,2028,2029,2030,2031,2032,2033,2034,2035
         * E08000023,South Tyneside,Population,persons,0,1850.000,1851.000,1852.000,1853.000,1854.000,1855.000,1856.000,1857.000,1858.000,1859.000,1860.000,1861.000,1862.000,1863.000
         * E08000023,South Tyneside,Population,persons,1,1848.000,1849.000,1850.000,1851.000,1852.000,1853.000,1854.000,1855.000,1856.000,1857.000,1858.000,1859.000,1860.000,1861.000
         * E08000023,South Tyneside,Population,persons,2,1846.000,1847.000,1848.000,1849.000,1850.000,1851.000,1852.000,1853.000,1854.000,1855.000,1856.000,1857.000,1858.000,1859.000
         * E08000023,South Tyneside,Population,persons,3,1844.000,1845.000,1846.000,1847.000,1848.000,1849.000,1850.000,1851.000,1852.000,1853.000,1854.000,1855.000,1856.000,1857.000
         * E08000023,South Tyneside,Population,persons,4,1842.000,1843.000,1844.000,1845.000,1846.000,1847.000,1848.000,1849.000,1850.000,1851.000,1852.000,1853.000,1854.000,1855.000
         * E08000023,South Tyneside,Population,persons,5,1840.000,1841.000,1842.000,1843.000,1844.000,1845.000,1846.000,1847.000,1848.000,1849.000,1850.000,1851.000,1852.000,1853.000
         * E08000023,South Tyneside,Population,persons,6,1838.000,1839.000,1840.000,1841.000,1842.000,1843.000,1844.000,1845.000,1846.000,1847.000,1848.000,1849.000,1850.000,1851.000
         * E08000023,South Tyneside,Population,persons,7,1836.000,1837.000,1838.000,1839.000,1840.000,1841.000,1842.000,1843.000,1844.000,1845.000,1846.000,1847.000,1848.000,1849.000
         * E08000023,South Tyneside,Population,persons,8,1834.000,1835.000,1836.000,1837.000,1838.000,1839.000,1840.000,1841.000,1842.000,1843.000,1844.000,1845.000,1846.000,1847.000
         * E08000023,South Tyneside,Population,persons,9,1832.000,1833.000,1834.000,1835.000,1836.000,1837.000,1838.000,1839.000,1840.000,1841.000,1842.000,1843.000,1844.000,1845.000
         * E08000023,South Tyneside,Population,persons,10,1830.000,1831.000,1832.000,1833.000,1834.000,1835.000,1836.000,1837.000,1838.000,1839.000,1840.000,1841.000,1842.000,1843.000
         * E08000023,South Tyneside,Population,persons,11,1828.000,1829.000,1830.000,1831.000,1832.000,1833.000,1834.000,1835.000,1836.000,1837.000,1838.000,1839.000,1840.000,1841.000
         * E08000023,South Tyneside,Population,persons,12,1826.000,1827.000,1828.000,1829.000,1830.000,1831.000,1832.000,1833.000,1834.000,1835.000,1836.000,1837.000,1838.000,1839.000
         * E08000023,South Tyneside,Population,persons,13,1824.000,1825.000,1826.000,1827.000,1828.000,1829.000,1830.000,1831.000,1832.000,1833.000,1834.000,1835.000,1836.000,1837.000
         * E08000023,South Tyneside,Population,persons,14,1822.000,1823.000,1824.000,1825.000,1826.000,1827.000,1828.000,1829.000,1830.000,1831.000,1832.000,1833.000,1834.000,1835.000
         * E08000023,South Tyneside,Population,persons,15,1820.000,1821.000,1822.000,1823.000,1824.000,1825.000,1826.000,1827.000,1828.000,1829.000,1830.000,1831.000,1832.000,1833.000
         * E08000023,South Tyneside,Population,persons,16,1818.000,1819.000,1820.000,1821.000,1822.000,1823.000,1824.000,1825.000,1826.000,1827.000,1828.000,1829.000,1830.000,1831.000
         * E08000023,South Tyneside,Population,persons,17,1816.000,1817.000,1818.000,1819.000,1820.000,1821.000,1822.000,1823.000,1824.000,1825.000,1826.000,1827.000,1828.000,1829.000
         * E08000023,South Tyneside,Population,persons,18,1814.000,1815.000,1816.000,1817.000,1818.000,1819.000,1820.000,1821.000,1822.000,1823.000,1824.000,1825.000,1826.000,1827.000
         * E08000023,South Tyneside,Population,persons,19,1812.000,1813.000,1814.000,1815.000,1816.000,1817.000,1818.000,1819.000,1820.000,1821.000,1822.000,1823.000,1824.000,1825.000
         * E08000023,South Tyneside,Population,persons,20,1810.000,1811.000,1812.000,1813.000,1814.000,1815.000,1816.000,1817.000,1818.000,1819.000,1820.000,1821.000,1822.000,1823.000
         * E08000023,South Tyneside,Population,persons,21,1808.000,1809.000,1810.000,1811.000,1812.000,1813.000,1814.000,1815.000,1816.000,1817.000,1818.000,1819.000,1820.000,1821.000
         * E08000023,South Tyneside,Population,persons,22,1806.000,1807.000,1808.000,1809.000,1810.000,1811.000,1812.000,1813.000,1814.000,1815.000,1816.000,1817.000,1818.000,1819.000
         * E08000023,South Tyneside,Population,persons,23,1804.000,1805.000,1806.000,1807.000,1808.000,1809.000,1810.000,1811.000,1812.000,1813.000,1814.000,1815.000,1816.000,1817.000
         * E08000023,South Tyneside,Population,persons,24,1802.000,1803.000,1804.000,1805.000,1806.000,1807.000,1808.000,1809.000,1810.000,1811.000,1812.000,1813.000,1814.000,1815.000
         * E08000023,South Tyneside,Population,persons,25,1800.000,1801.000,1802.000,1803.000,1804.000,1805.000,1806.000,1807.000,1808.000,1809.000,1810.000,1811.000,1812.000,1813.000
         */
        "text/csv": string;
      };
    };
    responses: {
      /** @description Replaced. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["PopulationView"];
        };
      };
      /** @description Stored for the first time. */
      201: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["PopulationView"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * High-needs spend in a financial year, split one way
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getSpend: {
    parameters: {
      query?: {
        fy?: string;
        by?: "need" | "setting" | "dsg" | "location" | "funder" | "month";
        funder?: "education" | "socialCare" | "health" | "transport";
      };
    };
    responses: {
      /** @description The total and its breakdown, to the penny, and what it counts. */
      200: {
        content: {
          "application/json": components["schemas"]["SpendSummary"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Forecast outturn for a financial year against its budget
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getOutturn: {
    parameters: {
      query?: {
        fy?: string;
        asOf?: string;
        newPlacements?: "model" | "history";
      };
    };
    responses: {
      /** @description Actual to date, committed, expected and the forecast with its band. */
      200: {
        content: {
          "application/json": components["schemas"]["Outturn"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The multi-year high needs forecast: the Markov projection priced draw by draw, against budget
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getForecast: {
    parameters: {
      query?: {
        from?: string;
        years?: number;
        funder?: "education" | "all";
        mitigations?: string;
        asOf?: string;
      };
    };
    responses: {
      /** @description The forecast by financial year, with its bands, budgets and DSG balance. */
      200: {
        content: {
          "application/json": {
            asOf: string;
            method: string;
            counts: string;
            /** @enum {string} */
            funder: "education" | "all";
            years: ({
                financialYear: string;
                from: string;
                to: string;
                /** @enum {string} */
                basis: "actual" | "actual-and-forecast" | "forecast";
                actualToDate: number;
                actualTo: string | null;
                mean: number;
                p05: number;
                p25: number;
                p50: number;
                p75: number;
                p95: number;
                byDsg: ({
                    /** @enum {string} */
                    dsgCategory: "MmSoA" | "RPSEN" | "MdSSA" | "NMISS" | "HspAP" | "P16FE" | "OTHER";
                    label: string;
                    actualToDate: number;
                    forecast: number;
                    budget: number | null;
                    variance: number | null;
                  })[];
                placements: {
                  mean: number;
                  p05: number;
                  p50: number;
                  p95: number;
                  outOfBorough: {
                    mean: number;
                    p05: number;
                    p50: number;
                    p95: number;
                  };
                } | null;
                budget: ({
                  amount: number;
                  /** @enum {string} */
                  source: "budget" | "grown";
                  from?: string;
                }) | null;
                variance: {
                  mean: number;
                  p05: number;
                  p50: number;
                  p95: number;
                } | null;
                dsgBalance: {
                  opening: {
                    mean: number;
                    p05: number;
                    p50: number;
                    p95: number;
                  };
                  inYear: {
                    mean: number;
                    p05: number;
                    p50: number;
                    p95: number;
                  };
                  closing: {
                    mean: number;
                    p05: number;
                    p50: number;
                    p95: number;
                  };
                } | null;
                mitigated?: {
                  mean: number;
                  p05: number;
                  p25: number;
                  p50: number;
                  p75: number;
                  p95: number;
                  saving: {
                    mean: number;
                    p05: number;
                    p50: number;
                    p95: number;
                  };
                  dsgBalance: {
                    opening: {
                      mean: number;
                      p05: number;
                      p50: number;
                      p95: number;
                    };
                    inYear: {
                      mean: number;
                      p05: number;
                      p50: number;
                      p95: number;
                    };
                    closing: {
                      mean: number;
                      p05: number;
                      p50: number;
                      p95: number;
                    };
                  } | null;
                };
              })[];
            mitigations: {
                id: string;
                name: string;
                description?: string;
                capitalCost?: number;
                savings: {
                    financialYear: string;
                    mean: number;
                    p05: number;
                    p50: number;
                    p95: number;
                  }[];
              }[];
            assumptions: {
              costUplift: {
                rate: number;
                source: string;
              };
              budgetGrowth: {
                rate: number;
                source: string;
              };
              openingDsgBalance: {
                financialYear: string;
                amount: number;
                source: string;
              } | null;
              priceBase: string;
              academicYears: string;
              model: {
                method: string;
                baseCensus: number;
                draws: number;
                seed: number;
                population?: string;
              };
              unitCosts: {
                  setting: string;
                  dsgCategory: string;
                  placements: number;
                  education: number;
                  allFunders: number;
                }[];
              unitCostFallbacks: string[];
            };
            warnings?: string[];
          };
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid input the stored data cannot answer (too little history, a stored date out of range). */
      422: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * A financial year's high-needs budget
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getBudgetsFinancialYear: {
    parameters: {
      path: {
        /** @example 2025-26 */
        financialYear: string;
      };
    };
    responses: {
      /** @description The budget, with its version. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Budget"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Set a financial year's budget lines
   * @description Replacing a stored budget names the version read (`If-Match` or `version`).
   *
   * Who may call it: finance.
   */
  putBudgetsFinancialYear: {
    parameters: {
      header?: {
        /** @description The version you read (its `ETag`), to refuse the write if the record changed since (409 with `currentVersion`); optional. */
        "If-Match"?: string;
      };
      path: {
        /** @example 2025-26 */
        financialYear: string;
      };
    };
    /** @description The budget lines by DSG category (and optionally need). */
    requestBody: {
      content: {
        /**
         * @example {
         *   "lines": [
         *     {
         *       "dsgCategory": "NMISS",
         *       "amount": 9500000
         *     },
         *     {
         *       "dsgCategory": "MdSSA",
         *       "amount": 12000000
         *     }
         *   ],
         *   "openingDsgBalance": -2500000
         * }
         */
        "application/json": components["schemas"]["BudgetInput"];
      };
    };
    responses: {
      /** @description Replaced. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Budget"];
        };
      };
      /** @description Stored for the first time. */
      201: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": components["schemas"]["Budget"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The forecast's finance settings: cost uplift, budget growth, opening DSG balance
   * @description Each setting with its source; defaults (version 0, no ETag) until finance sets them.
   *
   * Who may call it: caseworkers, planners, finance, readers.
   */
  getFinanceSettings: {
    responses: {
      /** @description The settings in force. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": {
            costUplift: {
              rate: number;
              source: string;
              isDefault: boolean;
            };
            budgetGrowth: {
              rate: number;
              source: string;
              isDefault: boolean;
            };
            openingDsgBalance: {
              financialYear: string;
              amount: number;
              source?: string;
            } | null;
            version: number;
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Set the forecast's finance settings
   * @description Replacing stored settings names the version read (`If-Match` or `version`).
   *
   * Who may call it: finance.
   */
  putFinanceSettings: {
    parameters: {
      header?: {
        /** @description The version you read (its `ETag`), to refuse the write if the record changed since (409 with `currentVersion`); optional. */
        "If-Match"?: string;
      };
    };
    /** @description The settings, each with its source. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "costUplift": {
         *     "rate": 0.04,
         *     "source": "Provider fee uplift agreed for 2026-27"
         *   },
         *   "openingDsgBalance": {
         *     "financialYear": "2026-27",
         *     "amount": -4250000,
         *     "source": "S251 outturn 2025-26"
         *   }
         * }
         */
        "application/json": {
          costUplift?: {
            rate: number;
            source?: string;
          };
          budgetGrowth?: {
            rate: number;
            source?: string;
          };
          openingDsgBalance?: {
            financialYear: string;
            amount: number;
            source?: string;
          };
          version?: number;
        };
      };
    };
    responses: {
      /** @description Replaced. */
      200: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": {
            costUplift: {
              rate: number;
              source: string;
              isDefault: boolean;
            };
            budgetGrowth: {
              rate: number;
              source: string;
              isDefault: boolean;
            };
            openingDsgBalance: {
              financialYear: string;
              amount: number;
              source?: string;
            } | null;
            version: number;
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      /** @description Stored for the first time. */
      201: {
        headers: {
          /** @description The record's version, e.g. `"3"`: send it back as `If-Match` to update it. */
          ETag?: string;
        };
        content: {
          "application/json": {
            costUplift: {
              rate: number;
              source: string;
              isDefault: boolean;
            };
            budgetGrowth: {
              rate: number;
              source: string;
              isDefault: boolean;
            };
            openingDsgBalance: {
              financialYear: string;
              amount: number;
              source?: string;
            } | null;
            version: number;
            updatedAt?: string;
            updatedBy?: string;
          };
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Placements as CSV (all, or those a GET /placements filter picks)
   * @description Who may call it: caseworkers, planners, finance.
   */
  getExportsPlacementsCsv: {
    parameters: {
      query?: {
        primaryNeed?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
        setting?: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
        status?: "active" | "ended";
        inBorough?: "true" | "false";
        lookedAfter?: "true" | "false";
        provisionId?: string;
        provider?: string;
        childRef?: string;
        changedSince?: string;
      };
    };
    responses: {
      /** @description A CSV file (UTF-8), with a header row. */
      200: {
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Placements as an Excel workbook (all, or those a GET /placements filter picks)
   * @description Who may call it: caseworkers, planners, finance.
   */
  getExportsPlacementsXlsx: {
    parameters: {
      query?: {
        primaryNeed?: "ASD" | "SEMH" | "SLCN" | "MLD" | "SLD" | "PMLD" | "SPLD" | "HI" | "VI" | "MSI" | "PD" | "DS" | "OTH" | "NSA";
        setting?: "mainstream" | "resourced-provision" | "maintained-special" | "special-academy" | "independent-special" | "non-maintained-special" | "alternative-provision" | "hospital" | "further-education" | "specialist-post16" | "early-years" | "eotas" | "home-education" | "neet" | "other";
        status?: "active" | "ended";
        inBorough?: "true" | "false";
        lookedAfter?: "true" | "false";
        provisionId?: string;
        provider?: string;
        childRef?: string;
        changedSince?: string;
      };
    };
    responses: {
      /** @description An Excel workbook. */
      200: {
        content: {
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The January census snapshot of a year, one row per child
   * @description Who may call it: caseworkers, planners.
   */
  getExportsCensusCsv: {
    parameters: {
      query: {
        year: number;
      };
    };
    responses: {
      /** @description A CSV file (UTF-8), with a header row. */
      200: {
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * One witan.send input file, from the stored placements
   * @description Who may call it: caseworkers, planners.
   */
  getExportsWitanFile: {
    parameters: {
      path: {
        /** @example transitions.csv */
        file: "transitions.csv" | "population.csv" | "costs.csv" | "valid-states.csv";
      };
    };
    responses: {
      /** @description A CSV file (UTF-8), with a header row. */
      200: {
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Valid input the stored data cannot answer (too little history, a stored date out of range). */
      422: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The DSG management plan, as CSV
   * @description By default the multi-year management plan from the high needs forecast (`GET /forecast`): `from` (default this financial year), `years` (default 5) and optional `mitigations` (scenario ids). With `fy`, one year's table from the recorded placements instead.
   *
   * Who may call it: caseworkers, planners, finance, readers.
   */
  getExportsDsgPlanCsv: {
    parameters: {
      query?: {
        from?: string;
        years?: number;
        mitigations?: string;
        asOf?: string;
        /** @description One financial year's table (placements and spend by DSG category and age group) instead of the multi-year plan; `from`, `years` and `mitigations` then do not apply. */
        fy?: string;
      };
    };
    responses: {
      /** @description A CSV file (UTF-8), with a header row. */
      200: {
        content: {
          "text/csv": string;
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The DSG management plan, as an Excel workbook
   * @description By default the multi-year management plan from the high needs forecast (`GET /forecast`): `from` (default this financial year), `years` (default 5) and optional `mitigations` (scenario ids). With `fy`, one year's table from the recorded placements instead.
   *
   * Who may call it: caseworkers, planners, finance, readers.
   */
  getExportsDsgPlanXlsx: {
    parameters: {
      query?: {
        from?: string;
        years?: number;
        mitigations?: string;
        asOf?: string;
        /** @description One financial year's table (placements and spend by DSG category and age group) instead of the multi-year plan; `from`, `years` and `mitigations` then do not apply. */
        fy?: string;
      };
    };
    responses: {
      /** @description An Excel workbook. */
      200: {
        content: {
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * An import job's progress
   * @description Who may call it: caseworkers, planners.
   */
  getImportsId: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The job. */
      200: {
        content: {
          "application/json": components["schemas"]["ImportJob"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Import placements: a file (CSV, XLSX, SEN2 XML, multipart), or start a job for rows sent in batches
   * @description A file up to the body limit is parsed and imported in the request. For any size, parse locally and send JSON: this creates a job (or resumes the unfinished job of the same file), then send rows with `POST /imports/{id}/rows` and finish with `POST /imports/{id}/complete`.
   *
   * Who may call it: caseworkers.
   */
  postImports: {
    parameters: {
      query?: {
        format?: "placements" | "sen2";
        mapping?: string;
        la?: string;
      };
    };
    /**
     * @description application/json: Start (or resume) a job for a file parsed by the client.
     *
     * text/csv: A CSV file (UTF-8), with a header row.
     *
     * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: An Excel workbook.
     *
     * multipart/form-data: File parts, and optionally `mapping` (JSON) and, for SEN2, `salt`.
     */
    requestBody: {
      content: {
        /**
         * @example {
         *   "fileName": "placements-2025.csv",
         *   "format": "placements",
         *   "fingerprint": "a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778",
         *   "totalRows": 1,
         *   "rejected": 0,
         *   "rejects": [],
         *   "duplicates": 0
         * }
         */
        "application/json": components["schemas"]["ImportJobCreate"];
        "text/csv": string;
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        "multipart/form-data": string;
      };
    };
    responses: {
      /** @description An unfinished job of the same file resumed. */
      200: {
        content: {
          "application/json": ({
            id: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            fileName: string;
            /** @enum {string} */
            format: "placements" | "sen2";
            progress: number;
            totalRows?: number;
            imported: number;
            rejected: number;
            duplicates: number;
            editedSince: number;
            rejects: {
                line: number;
                reason: string;
              }[];
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            updatedAt: string;
            error?: string;
            resumed: boolean;
          }) | components["schemas"]["ImportUploadResult"];
        };
      };
      /** @description A new job. */
      201: {
        content: {
          "application/json": ({
            id: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            fileName: string;
            /** @enum {string} */
            format: "placements" | "sen2";
            progress: number;
            totalRows?: number;
            imported: number;
            rejected: number;
            duplicates: number;
            editedSince: number;
            rejects: {
                line: number;
                reason: string;
              }[];
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            updatedAt: string;
            error?: string;
            resumed: boolean;
          }) | components["schemas"]["ImportUploadResult"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Send the next batch of rows of an import job
   * @description Who may call it: caseworkers.
   */
  postImportsIdRows: {
    parameters: {
      path: {
        id: string;
      };
    };
    /** @description Rows from `offset` = the job's progress. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "offset": 0,
         *   "rows": [
         *     {
         *       "line": 2,
         *       "placement": {
         *         "childRef": "IMP-0001",
         *         "primaryNeed": "ASD",
         *         "setting": "mainstream",
         *         "inBorough": true,
         *         "lookedAfter": false,
         *         "ncy": 4,
         *         "startDate": "2025-09-03",
         *         "costs": {
         *           "education": 7000
         *         }
         *       }
         *     }
         *   ]
         * }
         */
        "application/json": components["schemas"]["ImportRowBatch"];
      };
    };
    responses: {
      /** @description The job, and what this batch did. */
      200: {
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            fileName: string;
            /** @enum {string} */
            format: "placements" | "sen2";
            progress: number;
            totalRows?: number;
            imported: number;
            rejected: number;
            duplicates: number;
            editedSince: number;
            rejects: {
                line: number;
                reason: string;
              }[];
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            updatedAt: string;
            error?: string;
            batch: {
              imported: number;
              duplicates: number;
              editedSince: number;
              rejects: {
                  line: number;
                  reason: string;
                }[];
            };
          };
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Finish an import job once every row is sent
   * @description Who may call it: caseworkers.
   */
  postImportsIdComplete: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The completed job. */
      200: {
        content: {
          "application/json": components["schemas"]["ImportJob"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Monthly alert runs on record
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getAlerts: {
    parameters: {
      query?: {
        since?: string;
      };
    };
    responses: {
      /** @description The runs, newest first. */
      200: {
        content: {
          "application/json": components["schemas"]["AlertHistory"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Run a month's alerts now (local runtime; a deployed stack runs them on its schedule)
   * @description Who may call it: planners.
   */
  postAlertsRuns: {
    /** @description The month. */
    requestBody: {
      content: {
        /**
         * @example {
         *   "month": "2025-12"
         * }
         */
        "application/json": {
          month: string;
        };
      };
    };
    responses: {
      /** @description Already sent: the run on record. */
      200: {
        content: {
          "application/json": components["schemas"]["AlertRunResult"];
        };
      };
      /** @description Run and published. */
      201: {
        content: {
          "application/json": components["schemas"]["AlertRunResult"];
        };
      };
      /** @description Invalid input: `errors` lists each field (`query.asOf`, `costs.education`, `If-Match`…) with what is wrong. */
      400: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Conflict: the record changed since the version sent (`currentVersion` is the stored one), an id or idempotency key reused with a different body, or something the request needs is missing (e.g. `population_missing`). */
      409: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body over 256 KB; or, from an export, a file over the 4.5 MB one answer carries (`export_too_large`: ask for it with `Accept-Encoding: gzip`, or narrow it with a filter). */
      413: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Body not in a media type the route reads (JSON unless the route says otherwise). */
      415: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Not available in this deployment (e.g. alerts run only from the schedule). */
      503: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Who the API takes the caller to be, and their groups
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getMe: {
    responses: {
      /** @description The caller. */
      200: {
        content: {
          "application/json": components["schemas"]["Me"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * What this authority has loaded and what is missing, item by item, with how to fill each
   * @description Who may call it: caseworkers, planners, finance, readers.
   */
  getReadiness: {
    responses: {
      /** @description Each item ready, partial or missing, and the facts judged. */
      200: {
        content: {
          "application/json": components["schemas"]["Readiness"];
        };
      };
      /** @description No valid sign-in: send a Cognito access token as `Authorization: Bearer …`. */
      401: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Signed in, but not in a group that may call this route (`x-groups`). */
      403: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * This OpenAPI 3.1 document
   * @description Public: no sign-in (it holds no data).
   */
  getOpenapiJson: {
    responses: {
      /** @description The OpenAPI document, generated from the route table. */
      200: {
        content: {
          "application/json": {
            openapi: string;
            info: {
              title: string;
              version: string;
              [key: string]: unknown;
            };
            paths: {
              [key: string]: unknown;
            };
            [key: string]: unknown;
          };
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * Interactive API docs (Swagger UI, served from this deployment, no CDN)
   * @description Public: no sign-in (it holds no data).
   */
  getDocs: {
    responses: {
      /** @description The docs page. */
      200: {
        content: {
          "text/html": string;
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The docs page's scripts, styles and changelog
   * @description Public: no sign-in (it holds no data).
   */
  getDocsProxy: {
    parameters: {
      path: {
        proxy: string;
      };
    };
    responses: {
      /** @description A static file of the docs page. */
      200: {
        content: {
          "application/octet-stream": string;
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The dashboard page
   * @description Public: no sign-in (it holds no data).
   */
  getRoot: {
    responses: {
      /** @description The dashboard. */
      200: {
        content: {
          "text/html": string;
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  /**
   * The dashboard's scripts, styles and sign-in settings
   * @description Public: no sign-in (it holds no data).
   */
  getAssetsProxy: {
    parameters: {
      path: {
        proxy: string;
      };
    };
    responses: {
      /** @description A static file of the dashboard. */
      200: {
        content: {
          "application/octet-stream": string;
        };
      };
      /** @description No such record (or file). */
      404: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unexpected failure on our side; quote `requestId`. */
      500: {
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
}

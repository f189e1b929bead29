// /projections and /scenarios: run the Markov model on the authority's stored placements (January census
// snapshots → transitions) and provisions (local capacity), optionally under a scenario; results are
// stored so a run is fetched again by id. Only planners run projections and create scenarios; everyone
// signed in reads. A run is synchronous (the demo authority's 1,000 draws take about a second).
import { randomUUID } from 'node:crypto';
import { Id } from '../../../domain/text';
import { BacktestInputError, backtestMarkov } from '../../../model/backtest';
import { ModelInputError } from '../../../model/estimate';
import { projectMarkov } from '../../../model/markov';
import { populationUpTo } from '../../../model/population';
import { Scenario } from '../../../model/scenario';
import { modelDataUpTo, placementsToModelData, SnapshotInputError } from '../../../model/snapshots';
import type { RouteHandlers } from '../app';
import { AppError, NotFoundError, ValidationError } from '../errors';
import { parseWith, readJson } from '../http';
import { requireIdentity } from '../identity';
import { ProjectionRequestBody, type StoredProjection } from '../schemas';
import { actorOf } from './concurrency';
import { requirePopulation } from './population';

/** Back-test runs: each origin is a full refit, so fewer draws keep the request quick; bands stay usable. */
const BACKTEST_DRAWS = 200;
const BACKTEST_HORIZON = 3;

const unprocessable = (message: string) => new AppError(422, 'unprocessable', message);

export const projectionRoutes: RouteHandlers<'projections'> = {
  'POST /scenarios': async (c) => {
    const identity = requireIdentity(c);
    const scenario = await readJson(c, Scenario);
    const deps = c.get('deps');
    const stored = await deps.projections.createScenario(randomUUID(), scenario, {
      actor: actorOf(identity),
      now: deps.now(),
    });
    c.header('Location', `/scenarios/${stored.id}`);
    return c.json(stored, 201);
  },

  'GET /scenarios': async (c) => {
    return c.json({ items: await c.get('deps').projections.listScenarios() });
  },

  'GET /scenarios/{id}': async (c) => {
    const id = parseWith(Id, c.req.param('id'), 'id');
    const stored = await c.get('deps').projections.getScenario(id);
    if (!stored) throw new NotFoundError('scenario', id);
    return c.json(stored);
  },

  'POST /projections': async (c) => {
    const identity = requireIdentity(c);
    const body = await readJson(c, ProjectionRequestBody);
    const deps = c.get('deps');
    const now = deps.now();
    const stored =
      body.scenarioId === undefined ? undefined : await deps.projections.getScenario(body.scenarioId);
    if (body.scenarioId !== undefined && !stored)
      throw new ValidationError([{ field: 'scenarioId', message: `no scenario ${body.scenarioId}` }]);
    const scenario = stored?.scenario ?? body.scenario;

    const population = await requirePopulation(deps, 'a projection');
    const [placements, provisions] = await Promise.all([deps.placements.all(), deps.provisions.all()]);
    const asOf = now.toISOString().slice(0, 10);
    let projection: StoredProjection;
    try {
      const snapshots = placementsToModelData(placements, { asOf, population: population.rows });
      const { data, censusYears } = snapshots;
      const output = projectMarkov(data, {
        horizon: body.horizon,
        draws: body.draws,
        seed: body.seed,
        expectedOnly: body.expected,
        provisions,
        ...(scenario ? { scenario } : {}),
      });
      output.population = population.source;
      if (body.backtest) {
        try {
          // Each origin sees only what was known then: censuses, costs and valid states up to the origin,
          // and the population rows up to it (no look-ahead).
          const dataUpTo = (origin: number) =>
            modelDataUpTo(snapshots, origin, populationUpTo(population.rows, origin));
          output.backtest = backtestMarkov(
            data,
            (fitData, baseYear, horizon) =>
              projectMarkov(fitData, {
                baseYear,
                horizon,
                draws: Math.min(body.draws, BACKTEST_DRAWS),
                breakdowns: false,
                seed: body.seed,
                expectedOnly: body.expected,
              }),
            { horizon: BACKTEST_HORIZON, dataUpTo },
          ).backtest;
        } catch (error) {
          if (
            !(
              error instanceof BacktestInputError ||
              error instanceof ModelInputError ||
              error instanceof SnapshotInputError
            )
          )
            throw error;
          output.warnings = [...(output.warnings ?? []), `no back-test: ${error.message}`];
        }
      }
      projection = {
        id: randomUUID(),
        request: {
          horizon: body.horizon,
          draws: body.draws,
          seed: body.seed,
          expected: body.expected,
          backtest: body.backtest,
          ...(body.scenarioId === undefined ? {} : { scenarioId: body.scenarioId }),
          ...(scenario ? { scenarioName: scenario.name } : {}),
        },
        censusYears,
        createdAt: now.toISOString(),
        createdBy: identity.name,
        output,
      };
    } catch (error) {
      if (error instanceof SnapshotInputError || error instanceof ModelInputError)
        throw unprocessable(error.message);
      throw error;
    }
    await deps.projections.createProjection(projection, { actor: actorOf(identity), now });
    c.header('Location', `/projections/${projection.id}`);
    return c.json(projection, 201);
  },

  'GET /projections/{id}': async (c) => {
    const id = parseWith(Id, c.req.param('id'), 'id');
    const projection = await c.get('deps').projections.getProjection(id);
    if (!projection) throw new NotFoundError('projection', id);
    return c.json(projection);
  },
};

// The bands hold what they promise on simulated chains whose joiner rate shrinks 6% a year: 200 replicates for each
// history length, 1–3 years ahead (growing, flat and shrinking are three files so they run in parallel).
// Decision record: model/decisions/bands.md.
import { describeCoverage } from '../helpers/coverage';

describeCoverage('shrinks 6% a year', -0.06);

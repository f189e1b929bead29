// The bands hold what they promise on simulated chains whose joiner rate grows 8% a year: 200 replicates for each
// history length, 1–3 years ahead (growing, flat and shrinking are three files so they run in parallel).
// Decision record: model/decisions/bands.md.
import { describeCoverage } from '../helpers/coverage';

describeCoverage('grows 8% a year', 0.08);

// Property tests run 100 cases by default; FC_NUM_RUNS raises that for a deeper search.
import fc from 'fast-check';

const numRuns = Number(process.env['FC_NUM_RUNS'] ?? '');
if (Number.isInteger(numRuns) && numRuns > 0) fc.configureGlobal({ numRuns });

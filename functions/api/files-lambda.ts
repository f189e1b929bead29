// The Lambda entry for the file routes (bulk import, placement and DSG-plan exports), which need exceljs
// and csv-parse. Deployed as the exports function (reads only) and the imports function (batched writes).
import { FILE_ROUTES } from './file-routes';
import { apiHandler } from './lambda-handler';

export const handler = apiHandler(FILE_ROUTES);

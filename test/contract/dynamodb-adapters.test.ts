import { dynaliteTable } from '../support/dynamodb-tables';
import { dynamoDbAdapterContracts } from './suites/dynamodb-adapters.contract';

dynamoDbAdapterContracts('dynalite', dynaliteTable);

import { tableOn } from '../support/dynamodb-tables';
import { describeWithMoto } from '../support/moto';
import { dynamoDbAdapterContracts } from '../contract/suites/dynamodb-adapters.contract';

describeWithMoto('DynamoDB adapters on moto_server', (moto) => {
  dynamoDbAdapterContracts('moto', (spec) => tableOn(moto().endpoint, spec));
});

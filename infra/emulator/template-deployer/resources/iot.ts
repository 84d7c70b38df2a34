import { CreatePolicyCommand, CreateThingTypeCommand } from '@aws-sdk/client-iot';
import type { ResourceCreator } from '../resource-type';

export const createThingType: ResourceCreator = async (p, { aws, generatedName }) => {
  const thingTypeName = p.ThingTypeName ?? generatedName(128);
  const properties = p.ThingTypeProperties ?? {};
  const { thingTypeArn } = await aws.iot.send(
    new CreateThingTypeCommand({
      thingTypeName,
      thingTypeProperties: { thingTypeDescription: properties.ThingTypeDescription, searchableAttributes: properties.SearchableAttributes },
    }),
  );
  return { ref: thingTypeName, attributes: { Arn: thingTypeArn!, Id: thingTypeName } };
};

export const createIotPolicy: ResourceCreator = async (p, { aws, generatedName }) => {
  const policyName = p.PolicyName ?? generatedName(128);
  const { policyArn } = await aws.iot.send(new CreatePolicyCommand({ policyName, policyDocument: JSON.stringify(p.PolicyDocument) }));
  return { ref: policyName, attributes: { Arn: policyArn!, Id: policyName } };
};

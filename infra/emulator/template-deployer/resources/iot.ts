import { CreatePolicyCommand, CreateThingTypeCommand } from '@aws-sdk/client-iot';
import { answered, type NamedResourceCreator } from '../resource-type';

export const createThingType: NamedResourceCreator = async (thingTypeName, p, { aws }) => {
  const properties = p.ThingTypeProperties ?? {};
  const { thingTypeArn } = await aws.iot.send(
    new CreateThingTypeCommand({
      thingTypeName,
      thingTypeProperties: { thingTypeDescription: properties.ThingTypeDescription, searchableAttributes: properties.SearchableAttributes },
    }),
  );
  return { ref: thingTypeName, attributes: { Arn: answered(thingTypeArn, 'thingTypeArn'), Id: thingTypeName } };
};

export const createIotPolicy: NamedResourceCreator = async (policyName, p, { aws }) => {
  const { policyArn } = await aws.iot.send(new CreatePolicyCommand({ policyName, policyDocument: JSON.stringify(p.PolicyDocument) }));
  return { ref: policyName, attributes: { Arn: answered(policyArn, 'policyArn'), Id: policyName } };
};

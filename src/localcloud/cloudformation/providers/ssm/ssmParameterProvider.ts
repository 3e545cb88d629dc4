// AWS::SSM::Parameter: a parameter in the local parameter store, so other stacks can read it through
// `AWS::SSM::Parameter::Value<...>` parameters and `{{resolve:ssm:...}}` references.
import { ignoringNotFound } from '../alreadyExists';
import { listProperty, stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';
import type { JsonObject } from '../../../../core/template/templateJson';

function store(properties: JsonObject, name: string, context: ProviderContext) {
  const type = stringProperty(properties, 'Type') ?? 'String';
  const list = listProperty(properties, 'Value');
  const value = list ? list.map(String).join(',') : (stringProperty(properties, 'Value') ?? '');
  context.services.parameterStore.put(
    {
      name,
      type: type === 'StringList' ? 'StringList' : type === 'SecureString' ? 'SecureString' : 'String',
      value,
      ...(stringProperty(properties, 'Description') ? { description: stringProperty(properties, 'Description') } : {}),
    },
    context.clock.now(),
  );
  return { physicalId: name, attributes: { Type: type, Value: value } };
}

export const ssmParameterProvider: ResourceProvider = {
  type: 'AWS::SSM::Parameter',
  create(properties, context) {
    const name =
      stringProperty(properties, 'Name') ??
      `CFN-${context.logicalId}-${context.generatedName({ maxLength: 40 }).slice(-12)}`;
    if (context.services.parameterStore.get(name)) {
      throw new Error(`Resource of type 'AWS::SSM::Parameter' with identifier '${name}' already exists.`);
    }
    context.claimPhysicalId(name);
    return Promise.resolve(store(properties, name, context));
  },
  update(update, context) {
    return Promise.resolve(store(update.properties, update.current.physicalId, context));
  },
  delete(deletion, context) {
    return ignoringNotFound(() => context.services.parameterStore.delete(deletion.physicalId));
  },
};

import { strict as assert } from 'node:assert';
import s3ModelJson from '../../../../src/localcloud/models/generated/s3.json';
import type { ServiceModel } from '../../../../src/localcloud/protocol/serviceModel';
import type { Violation } from '../../../../src/localcloud/protocol/shapeValidation';
import { MalformedXmlError, parseXml } from '../../../../src/localcloud/protocol/xmlDocument';
import { shapeFromXml } from '../../../../src/localcloud/protocol/xmlInput';

const s3Model = s3ModelJson as unknown as ServiceModel;

describe('protocol engine: XML request bodies', () => {
  it('reads elements, attributes, entities, CDATA and comments; drops namespace prefixes', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?>\n<!-- c --><a:Root xmlns:a="urn:x" n=\'1\'><Key>&lt;k&amp;&#x41;&#66;&gt;</Key>' +
        '<Key><![CDATA[<raw>]]></Key><Empty/></a:Root>',
    );
    assert.equal(root.name, 'Root');
    assert.deepEqual(root.attributes, { 'xmlns:a': 'urn:x', n: '1' });
    assert.deepEqual(
      root.children.map((child) => [child.name, child.text]),
      [
        ['Key', '<k&AB>'],
        ['Key', '<raw>'],
        ['Empty', ''],
      ],
    );
  });

  it('refuses DTDs, unknown entities, bare ampersands and unbalanced tags', () => {
    for (const text of [
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
      '<x>&e;</x>',
      '<x>a & b</x>',
      '<x><y></x></y>',
      '<x>',
      '<x/><y/>',
    ]) {
      assert.throws(() => parseXml(text), MalformedXmlError, text);
    }
  });

  it("reads shapes: flattened lists, named list members, booleans and numbers with S3's model", () => {
    const out: Violation[] = [];
    const deletion = shapeFromXml(
      s3Model,
      s3Model.shapes.Delete!,
      parseXml('<Delete><Object><Key>a</Key></Object><Object><Key>b</Key></Object><Quiet>true</Quiet></Delete>'),
      'delete',
      out,
    );
    assert.deepEqual(deletion, { Objects: [{ Key: 'a' }, { Key: 'b' }], Quiet: true });
    const tagging = shapeFromXml(
      s3Model,
      s3Model.shapes.Tagging!,
      parseXml('<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>'),
      'tagging',
      out,
    );
    assert.deepEqual(tagging, { TagSet: [{ Key: 'k', Value: 'v' }] });
    const parts = shapeFromXml(
      s3Model,
      s3Model.shapes.CompletedMultipartUpload!,
      parseXml('<CompleteMultipartUpload><Part><PartNumber>x</PartNumber></Part></CompleteMultipartUpload>'),
      'multipartUpload',
      out,
    );
    assert.deepEqual(parts, { Parts: [{}] });
    assert.deepEqual(
      out.map((violation) => violation.path),
      ['multipartUpload.parts.1.member.partNumber'],
    );
  });
});

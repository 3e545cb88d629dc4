// The problems a transformed-template document lists in place of a refused template read
// `template.yaml:37:25: <AWS's message>`; each location is a link to that line of the template.
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { sourceOf } from './transformedTemplateUri';

/** Links each `<template name>:<line>:<column>` of a transformed-template document to the template. */
export class TransformedTemplateLinks implements vscode.DocumentLinkProvider {
  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const source = sourceOf(document.uri);
    const name = basename(source.path);
    const text = document.getText();
    // Only the explanation of a refused template has locations; a transformed template is left alone.
    if (!text.includes(`${name}:`) || text.length > 1_000_000) return [];
    const pattern = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)(?=: )`, 'g');
    const links: vscode.DocumentLink[] = [];
    for (const match of text.matchAll(pattern)) {
      const start = document.positionAt(match.index);
      const range = new vscode.Range(start, document.positionAt(match.index + match[0].length));
      // The editor opens `file#L37,25` at that line and column.
      const link = new vscode.DocumentLink(range, source.with({ fragment: `L${match[1]},${match[2]}` }));
      link.tooltip = `Go to line ${match[1]} of ${name}`;
      links.push(link);
    }
    return links;
  }
}

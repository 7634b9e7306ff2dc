"""Reads a built site's open data with the clients people use, and fails
(exit 1, one line per problem) when one of them refuses it.

Usage: clients.py SITE_DIR PUBLIC_AGREEMENTS
"""

import gzip
import json
import os
import subprocess
import sys


def frictionless_validate(data):
    # The command line, as a portal's maintainer would run it.
    tool = os.path.join(os.path.dirname(sys.executable), "frictionless")
    run = subprocess.run(
        [tool, "validate", "--json", "datapackage.json"],
        cwd=data,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        return [f"frictionless validate failed:\n{run.stdout[-4000:]}{run.stderr[-2000:]}"]
    report = json.loads(run.stdout)
    if not report.get("valid"):
        return [f"frictionless: the package is not valid: {run.stdout[-4000:]}"]
    return []


def workbook(data, public):
    import openpyxl

    path = os.path.join(data, "agreements.xlsx")
    if not os.path.exists(path):
        return ["agreements.xlsx is missing"]
    book = openpyxl.load_workbook(path, read_only=True)
    first = book.worksheets[0]
    rows = list(first.iter_rows(values_only=True))
    problems = []
    if rows[0][0] != "id":
        problems.append(f"the first sheet's header starts with {rows[0][0]!r}")
    if len(rows) - 1 != public:
        problems.append(f"the first sheet has {len(rows) - 1} rows, not {public}")
    names = [sheet.title for sheet in book.worksheets]
    for table in ["agreements", "partners", "activities", "evaluations", "documents"]:
        if table not in names:
            problems.append(f"no sheet {table}: {names}")
    return problems


def catalog(data):
    import rdflib

    graph = rdflib.Graph()
    graph.parse(os.path.join(data, "catalog.jsonld"), format="json-ld")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    datasets = list(graph.subjects(rdflib.RDF.type, dcat.Dataset))
    if not datasets:
        return ["the catalog has no dcat:Dataset"]
    problems = []
    for dataset in datasets:
        urls = [
            url
            for distribution in graph.objects(dataset, dcat.distribution)
            for url in graph.objects(distribution, dcat.downloadURL)
        ]
        if not urls:
            problems.append(f"{dataset} has no dcat:downloadURL")
    return problems


def bulk_document(data):
    import jsonschema

    with open(os.path.join(data, "schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with gzip.open(os.path.join(data, "agreements.json.gz"), "rt", encoding="utf-8") as f:
        document = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [
        f"agreements.json at {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ][:20]


def main():
    site, public = sys.argv[1], int(sys.argv[2])
    data = os.path.join(site, "data")
    checks = os.environ.get("OPEN_DATA_CHECKS", "frictionless,workbook,catalog,schema").split(",")
    problems = []
    if "frictionless" in checks:
        problems += frictionless_validate(data)
    if "workbook" in checks:
        problems += workbook(data, public)
    if "catalog" in checks:
        problems += catalog(data)
    if "schema" in checks:
        problems += bulk_document(data)
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

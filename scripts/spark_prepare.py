#!/usr/bin/env python3
"""Prepare articles for translation on an Apache Spark cluster, with Tradu as the map stage.

Input: JSON Lines, one article a line: {"id": "...", "text": "..."} (a file or a folder of
them, any path Spark reads: local, HDFS, S3...). Output: a folder of part files holding
Tradu's JSONL units (one unit a line, "document" = the article's id), in input order when the
part files are read in name order.

Each partition's lines go through one `tradu prepare --input-format jsonl --to jsonl -`
process (RDD.pipe), which prepares them as a single machine would: the output equals
`tradu prepare --input-format jsonl --to jsonl - < articles.jsonl` line for line.

Every worker needs the tradu binary at the path given by --tradu (built with
`swift build -c release --static-swift-stdlib`, so it carries the Swift runtime) and the
shared libraries it still links (ICU; see the README's "Spark" section).

Example (local mode, all cores):
    python3 scripts/spark_prepare.py --tradu .build/release/tradu articles.jsonl prepared/
"""
import argparse
import shlex
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="JSONL articles {\"id\",\"text\"}: a file or folder Spark can read")
    parser.add_argument("output", help="the folder to write the JSONL units to (must not exist)")
    parser.add_argument("--tradu", default="tradu", help="the tradu binary's path on every worker (default: tradu on PATH)")
    parser.add_argument("--partitions", type=int, default=None, help="how many partitions (default: Spark's choice)")
    parser.add_argument("--master", default=None, help="Spark master URL (default: local[*] unless spark-submit sets one)")
    parser.add_argument("tradu_options", nargs=argparse.REMAINDER,
                        help="after --: more options for tradu prepare (e.g. -- --glossary terms.tsv, present on every worker)")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("tradu-prepare")
    if args.master:
        builder = builder.master(args.master)
    elif "spark.master" not in builder._options:
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    sc = spark.sparkContext

    extra = [option for option in args.tradu_options if option != "--"]
    command = [args.tradu, "prepare", "--input-format", "jsonl", "--to", "jsonl", "-", "--stats", "none"] + extra
    articles = sc.textFile(args.input, minPartitions=args.partitions) if args.partitions else sc.textFile(args.input)
    # RDD.pipe runs the command once per partition, feeding the partition's lines to its standard input
    # and reading its standard output's lines; a non-zero exit (a bad line) fails the task.
    units = articles.pipe(shlex.join(command), checkCode=True)
    units.saveAsTextFile(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""zipcheck.py BUNDLE.zip -- the files of a bundle against its imsmanifest.xml.

Every <file href> of the manifest names an entry of the zip and every entry is
listed exactly once; every identifierref names a resource; every resource href
is one of its files.  Prints what is wrong and exits 1, else prints "ok".
"""
import sys
import zipfile
import xml.etree.ElementTree as ET


def local(tag):
    return tag.rsplit('}', 1)[-1]


def main(path):
    z = zipfile.ZipFile(path)
    names = [i.filename for i in z.infolist()]
    bad = []
    if len(names) != len(set(names)):
        bad.append('a name twice in the zip')
    root = ET.fromstring(z.read('imsmanifest.xml'))
    listed, resources, refs = [], {}, []
    for el in root.iter():
        t = local(el.tag)
        if t == 'resource':
            files = [f.get('href') for f in el if local(f.tag) == 'file']
            resources[el.get('identifier')] = files
            if el.get('href') and el.get('href') not in files:
                bad.append('resource %s: href %s is not one of its files' %
                           (el.get('identifier'), el.get('href')))
            listed += files
        if el.get('identifierref'):
            refs.append(el.get('identifierref'))
    for r in refs:
        if r not in resources:
            bad.append('identifierref %s names no resource' % r)
    for f in listed:
        if f not in names:
            bad.append('listed but not in the zip: %s' % f)
    for n in names:
        if n != 'imsmanifest.xml' and listed.count(n) != 1:
            bad.append('in the zip, listed %d times: %s' % (listed.count(n), n))
    for b in bad:
        print(b)
    if not bad:
        print('ok')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))

import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { call } from './call.js';
import { SprigCertificate } from '../src/index.js';

describe('encoding and hashes', () => {
  it('base64/base32 with Go strict decoding errors as results', () => {
    assert.equal(call('b64enc', 'héllo'), 'aMOpbGxv');
    assert.equal(call('b64dec', 'YWJj\nZA=='), 'abcd');
    assert.equal(call('b64dec', 'abc'), 'illegal base64 data at input byte 0');
    assert.equal(call('b64dec', 'ab=c'), 'illegal base64 data at input byte 2');
    assert.equal(call('b64dec', 'a!bc'), 'illegal base64 data at input byte 1');
    assert.equal(call('b32enc', 'abc'), 'MFRGG===');
    assert.equal(call('b32dec', 'MFRGG==='), 'abc');
    assert.equal(call('b32dec', 'MFRGG'), 'illegal base32 data at input byte 0');
  });

  it('hashes', () => {
    assert.equal(call('sha1sum', 'x'), '11f6ad8ec52a2984abaafd7c3b516503785c2072');
    assert.equal(call('adler32sum', 'hello'), '103547413');
    assert.equal(call('sha256sum', ''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('crypto', () => {
  it('derivePassword matches the Master Password output of the real helm', () => {
    assert.equal(call('derivePassword', 1n, 'long', 'password', 'user', 'example.com'), 'ZedaFaxcZaso9*');
    assert.equal(call('derivePassword', 1n, 'nope', 'p', 'u', 's'), 'cannot find password template nope');
  });

  it('bcrypt and htpasswd write $2a$ hashes', () => {
    assert.match(call('htpasswd', 'u', 'p') as string, /^u:\$2a\$10\$.{53}$/);
    assert.equal(call('htpasswd', 'a:b', 'p'), 'invalid username: a:b');
  });

  it('encryptAES round-trips through decryptAES', () => {
    assert.equal(call('decryptAES', 'secret', call('encryptAES', 'secret', 'hello world')), 'hello world');
    assert.equal(call('encryptAES', 'k', ''), '');
    assert.throws(() => call('decryptAES', 'k', 'YWJj'), /slice bounds out of range \[:16\] with capacity 3/);
  });

  it('genPrivateKey writes the PEM types Sprig writes', () => {
    const ec = call('genPrivateKey', 'ecdsa') as string;
    assert.match(ec, /^-----BEGIN EC PRIVATE KEY-----\n/);
    assert.equal(createPrivateKey(ec).asymmetricKeyType, 'ec');
    assert.match(call('genPrivateKey', 'ed25519') as string, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(call('genPrivateKey', 'foo'), 'Unknown type foo');
  });

  it('genCA / genSignedCert / genSelfSignedCert make verifiable certificates', () => {
    const ca = call('genCA', 'my-ca', 365n) as SprigCertificate;
    assert.ok(ca instanceof SprigCertificate);
    assert.match(ca.Key, /^-----BEGIN RSA PRIVATE KEY-----\n/);
    const caX = new X509Certificate(ca.Cert);
    assert.equal(caX.ca, true);
    assert.equal(caX.subject, 'CN=my-ca');
    const leaf = call('genSignedCert', 'svc', ['10.0.0.1', '::1'], ['a.example'], 30n, ca) as SprigCertificate;
    const x = new X509Certificate(leaf.Cert);
    assert.equal(x.verify(caX.publicKey), true);
    assert.equal(x.checkIssued(caX), true);
    assert.equal(x.subjectAltName, 'DNS:a.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    assert.equal(x.ca, false);
    const days = (Date.parse(x.validTo) - Date.parse(x.validFrom)) / 86400000;
    assert.equal(days, 30);
    const self = call('genSelfSignedCert', 'me', null, null, 1n) as SprigCertificate;
    assert.equal(new X509Certificate(self.Cert).verify(new X509Certificate(self.Cert).publicKey), true);
    assert.throws(() => call('genSelfSignedCert', 'me', ['bad-ip'], null, 1n), { message: 'error parsing ip: bad-ip' });
  });

  it('*WithKey variants use the given key; buildCustomCert validates', () => {
    const key = call('genPrivateKey', 'ecdsa') as string;
    const ca = call('genCAWithKey', 'ec-ca', 10n, key) as SprigCertificate;
    assert.equal(ca.Key, key);
    const leaf = call(
      'genSignedCertWithKey',
      'x',
      null,
      ['x'],
      10n,
      ca,
      call('genPrivateKey', 'ed25519'),
    ) as SprigCertificate;
    assert.equal(new X509Certificate(leaf.Cert).verify(new X509Certificate(ca.Cert).publicKey), true);
    const built = call(
      'buildCustomCert',
      Buffer.from(ca.Cert).toString('base64'),
      Buffer.from(ca.Key).toString('base64'),
    ) as SprigCertificate;
    assert.equal(built.Cert, ca.Cert);
    assert.throws(() => call('buildCustomCert', 'x', 'y'), { message: 'unable to decode base64 certificate' });
    assert.throws(() => call('genCAWithKey', 'x', 1n, 'nope'), {
      message: 'parsing private key: no PEM data in input',
    });
  });

  it('uuidv4 and randBytes', () => {
    assert.match(call('uuidv4') as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(Buffer.from(call('randBytes', 12n) as string, 'base64').length, 12);
  });
});

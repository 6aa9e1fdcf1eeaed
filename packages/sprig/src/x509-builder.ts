/**
 * The DER/X.509 builder behind genCA/genSignedCert, for other packages that need certificates
 * (`helmts init --tls-gen`): one implementation of certificate building in the repository.
 */
export {
  createCertificate,
  parseParentCertificate,
  parseIp,
  type CertificateTemplate,
  type ParentCertificate,
} from './crypto/x509.js';
export { generatePrivateKey, privateKeyPem, type SprigKeyType } from './crypto/private-keys.js';
export { pemEncode, pemDecode } from './crypto/pem.js';

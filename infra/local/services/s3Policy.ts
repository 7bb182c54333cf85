// The deployed browser role's S3 statements, applied to requests signed with identity-pool keys:
// object actions under private/<identityId>/ and ListBucket with such a prefix; everything else is
// denied, as IAM would (no ListParts, no ListMultipartUploads, no ACLs or tags, no batch delete).

/** What the role allows on objects (infra/cdk/lib/storage.ts OBJECT_ACTIONS, plus s3:ListBucket). */
export const ROLE_OBJECT_ACTIONS: ReadonlySet<string> = new Set(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']);

// Query names that select a sub-resource (and so another IAM action) rather than the object itself.
const OBJECT_SUBRESOURCES = ['uploads', 'uploadId', 'acl', 'tagging', 'legal-hold', 'retention', 'torrent', 'restore', 'select', 'attributes'];

/** The IAM action a request to `/bucket/key?…` needs. */
export function objectAction(method: string, query: URLSearchParams): string {
  const sub = OBJECT_SUBRESOURCES.find((name) => query.has(name));
  if (sub === 'uploads' && method === 'POST') return 's3:PutObject'; // CreateMultipartUpload
  if (sub === 'uploadId') {
    if (method === 'PUT' || method === 'POST') return 's3:PutObject'; // UploadPart, CompleteMultipartUpload
    if (method === 'DELETE') return 's3:AbortMultipartUpload';
    if (method === 'GET') return 's3:ListMultipartUploadParts';
  }
  if (sub === 'acl') return method === 'GET' ? 's3:GetObjectAcl' : 's3:PutObjectAcl';
  if (sub === 'tagging') return method === 'GET' ? 's3:GetObjectTagging' : method === 'DELETE' ? 's3:DeleteObjectTagging' : 's3:PutObjectTagging';
  if (sub !== undefined) return `s3:${sub}`;
  if (method === 'GET' || method === 'HEAD') return 's3:GetObject';
  if (method === 'PUT') return 's3:PutObject';
  if (method === 'DELETE') return 's3:DeleteObject';
  return `s3:${capitalized(method)}Object`;
}

/** The IAM action a request to `/bucket?…` needs. */
export function bucketAction(method: string, query: URLSearchParams): string {
  if (method === 'GET' && query.has('uploads')) return 's3:ListBucketMultipartUploads';
  if (method === 'GET' && [...query.keys()].every((k) => ['list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'marker', 'encoding-type', 'fetch-owner'].includes(k) || k.startsWith('X-Amz-'))) {
    return 's3:ListBucket';
  }
  if (method === 'POST' && query.has('delete')) return 's3:DeleteObject (DeleteObjects)';
  return `s3:${capitalized(method)}Bucket`;
}

const capitalized = (method: string) => method.charAt(0) + method.slice(1).toLowerCase();

/**
 * Why the caller may not make this request, or undefined when the role allows it.
 * `copySource` is the x-amz-copy-source header of a copy, which must name an own object too.
 */
export function checkPrefix(info: { identityId?: string | undefined; method: string; url: URL }, bucket: string, copySource?: string): string | undefined {
  const own = `private/${info.identityId}/`;
  const [, bucketName = '', ...rest] = info.url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  const query = info.url.searchParams;
  if (bucketName !== bucket) return `Access Denied: the app's role reaches only bucket ${bucket}`;
  if (key === '') {
    const action = bucketAction(info.method, query);
    if (action !== 's3:ListBucket') return `Access Denied: the app's role does not allow ${action}`;
    const prefix = query.get('prefix') ?? '';
    if (prefix.startsWith(own)) return undefined;
    return `Access Denied: the bucket may only be listed with the prefix ${own}`;
  }
  const action = objectAction(info.method, query);
  if (!ROLE_OBJECT_ACTIONS.has(action)) return `Access Denied: the app's role does not allow ${action}`;
  if (!key.startsWith(own)) return `Access Denied: objects are allowed only under ${own}`;
  if (copySource !== undefined) {
    const source = decodeURIComponent(copySource.replace(/^\//, '').split('?')[0] ?? '');
    if (!source.startsWith(`${bucket}/${own}`)) return `Access Denied: a copy may only read objects under ${own}`;
  }
  return undefined;
}

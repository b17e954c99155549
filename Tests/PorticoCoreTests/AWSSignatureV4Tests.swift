import Crypto
import Foundation
@testable import PorticoCore
import Testing

/// The signer against AWS's published Signature Version 4 test suite (`aws-sig-v4-test-suite`,
/// credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service `service`) and the S3 GET
/// object example of the S3 documentation: each canonical request, string to sign and
/// Authorization is AWS's, written here as data.
@Suite("AWS Signature Version 4")
struct AWSSignatureV4Tests {
    struct PublishedCase: CustomTestStringConvertible, Sendable {
        var name: String
        var method: String
        /// The request target as the suite's request line writes it: path and query, unencoded.
        var target: String
        var headers: [HTTPField]
        var body: String
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String

        var testDescription: String { name }
    }

    static let suiteSigner = AWSSignatureV4(credentials: AWSSigV4Credentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "service"))

    static let publishedCases: [PublishedCase] = [
        PublishedCase(
            name: "get-header-key-duplicate", method: "GET", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("My-Header1", "value2"), HTTPField("My-Header1", "value2"), HTTPField("My-Header1", "value1"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\ndc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        PublishedCase(
            name: "get-header-value-order", method: "GET", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("My-Header1", "value4"), HTTPField("My-Header1", "value1"), HTTPField("My-Header1", "value3"), HTTPField("My-Header1", "value2"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        PublishedCase(
            name: "get-header-value-trim", method: "GET", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("My-Header1", " value1"), HTTPField("My-Header2", " \"a   b   c\""), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\na726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        PublishedCase(
            name: "get-unreserved", method: "GET", target: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        PublishedCase(
            name: "get-utf8", method: "GET", target: "/ሴ",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/%E1%88%B4\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        PublishedCase(
            name: "get-vanilla", method: "GET", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        PublishedCase(
            name: "get-vanilla-empty-query-key", method: "GET", target: "/?Param1=value1",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\nParam1=value1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        PublishedCase(
            name: "get-vanilla-query-order-key", method: "GET", target: "/?Param1=value2&Param1=Value1",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\nParam1=Value1&Param1=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        PublishedCase(
            name: "get-vanilla-query-order-key-case", method: "GET", target: "/?Param2=value2&Param1=value1",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        PublishedCase(
            name: "get-vanilla-query-order-value", method: "GET", target: "/?Param1=value2&Param1=value1",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\nParam1=value1&Param1=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nc968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        PublishedCase(
            name: "get-vanilla-query-unreserved", method: "GET", target: "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nc30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        PublishedCase(
            name: "get-vanilla-utf8-query", method: "GET", target: "/?ሴ=bar",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\neb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        PublishedCase(
            name: "normalize-path/get-relative", method: "GET", target: "/example/..",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        PublishedCase(
            name: "normalize-path/get-relative-relative", method: "GET", target: "/example1/example2/../..",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        PublishedCase(
            name: "normalize-path/get-slash", method: "GET", target: "//",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        PublishedCase(
            name: "normalize-path/get-slash-dot-slash", method: "GET", target: "/./",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        PublishedCase(
            name: "normalize-path/get-slash-pointless-dot", method: "GET", target: "/./example",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/example\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        PublishedCase(
            name: "normalize-path/get-slashes", method: "GET", target: "//example//",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/example/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\ncb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        PublishedCase(
            name: "normalize-path/get-space", method: "GET", target: "/example space/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "GET\n/example%20space/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        PublishedCase(
            name: "post-header-key-case", method: "POST", target: "/",
            headers: [HTTPField("host", "example.amazonaws.com"), HTTPField("x-amz-date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        PublishedCase(
            name: "post-header-key-sort", method: "POST", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("My-Header1", "value1"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        PublishedCase(
            name: "post-header-value-case", method: "POST", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("My-Header1", "VALUE1"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nd51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        PublishedCase(
            name: "post-sts-token/post-sts-header-before", method: "POST", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z"), HTTPField("X-Amz-Security-Token", "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==")],
            body: "",
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==\n\nhost;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nc237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
        PublishedCase(
            name: "post-vanilla", method: "POST", target: "/",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
        PublishedCase(
            name: "post-vanilla-query", method: "POST", target: "/?Param1=value1",
            headers: [HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "",
            canonicalRequest: "POST\n/\nParam1=value1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        PublishedCase(
            name: "post-x-www-form-urlencoded", method: "POST", target: "/",
            headers: [HTTPField("Content-Type", "application/x-www-form-urlencoded"), HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "Param1=value1",
            canonicalRequest: "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        PublishedCase(
            name: "post-x-www-form-urlencoded-parameters", method: "POST", target: "/",
            headers: [HTTPField("Content-Type", "application/x-www-form-urlencoded; charset=utf8"), HTTPField("Host", "example.amazonaws.com"), HTTPField("X-Amz-Date", "20150830T123600Z")],
            body: "Param1=value1",
            canonicalRequest: "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf8\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            stringToSign: "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c",
            authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"),
    ]

    @Test(arguments: publishedCases)
    func matchesThePublishedTestSuite(_ vector: PublishedCase) {
        let parts = vector.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let signature = Self.suiteSigner.sign(
            method: vector.method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : nil, headers: vector.headers,
            payloadHash: SHA256.hash(data: Data(vector.body.utf8)).hexText, timestamp: "20150830T123600Z")
        #expect(signature.canonicalRequest == vector.canonicalRequest)
        #expect(signature.stringToSign == vector.stringToSign)
        #expect(signature.authorization == vector.authorization)
    }

    /// The same suite through the path a send takes: a `ResolvedRequest` with its URL, signed at
    /// the suite's time, gets the suite's headers.
    @Test func signsAResolvedRequestAsTheSuiteDoes() throws {
        var request = ResolvedRequest(method: .get, url: URL(string: "https://example.amazonaws.com/?Param2=value2&Param1=value1")!)
        let date = Date(timeIntervalSince1970: 1_440_938_160)
        Self.suiteSigner.sign(&request, payloadHash: try AWSSignatureV4.payloadHash(of: request.body), at: date)
        #expect(request.headers.first(named: "X-Amz-Date") == "20150830T123600Z")
        #expect(request.headers.first(named: "Authorization") == Self.publishedCases.first { $0.name == "get-vanilla-query-order-key-case" }?.authorization)
        #expect(!request.headers.contains(named: "X-Amz-Security-Token"))
        #expect(!request.headers.contains(named: "X-Amz-Content-Sha256"))
    }

    /// A form body and the User-Agent Portico always sends: the agent is left unsigned (proxies
    /// rewrite it), so the signature is the suite's.
    @Test func leavesTheUserAgentUnsignedAndHashesTheBody() throws {
        var request = ResolvedRequest(method: .post, url: URL(string: "https://example.amazonaws.com/")!,
                                      headers: [HTTPField("Content-Type", "application/x-www-form-urlencoded"), HTTPField("User-Agent", "portico/test")],
                                      body: .data(Data("Param1=value1".utf8)))
        let signature = Self.suiteSigner.sign(&request, payloadHash: try AWSSignatureV4.payloadHash(of: request.body), at: Date(timeIntervalSince1970: 1_440_938_160))
        let published = try #require(Self.publishedCases.first { $0.name == "post-x-www-form-urlencoded" })
        #expect(signature.canonicalRequest == published.canonicalRequest)
        #expect(request.headers.first(named: "Authorization") == published.authorization)
        #expect(request.headers.first(named: "User-Agent") == "portico/test")
    }

    @Test func signsAndSendsTheSessionToken() throws {
        var signer = Self.suiteSigner
        let published = try #require(Self.publishedCases.first { $0.name == "post-sts-token/post-sts-header-before" })
        signer.credentials.sessionToken = try #require(published.headers.first(named: "X-Amz-Security-Token"))
        var request = ResolvedRequest(method: .post, url: URL(string: "https://example.amazonaws.com/")!)
        signer.sign(&request, payloadHash: try AWSSignatureV4.payloadHash(of: .none), at: Date(timeIntervalSince1970: 1_440_938_160))
        #expect(request.headers.first(named: "X-Amz-Security-Token") == signer.credentials.sessionToken)
        #expect(request.headers.first(named: "Authorization") == published.authorization)
    }

    /// The S3 documentation's GET object example (bytes 0-9 of test.txt in examplebucket).
    @Test func reproducesTheS3GetObjectExample() throws {
        let signer = AWSSignatureV4(credentials: AWSSigV4Credentials(
            accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "s3"))
        var request = ResolvedRequest(method: .get, url: URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")!, headers: [HTTPField("Range", "bytes=0-9")])
        let signature = signer.sign(&request, payloadHash: try AWSSignatureV4.payloadHash(of: request.body), at: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(signature.canonicalRequest == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signature.stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(request.headers.first(named: "Authorization")
            == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(request.headers.first(named: "X-Amz-Content-Sha256") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// A path as it goes on the wire is encoded again for other services, once for S3.
    @Test(arguments: [
        ("/example%20space/", false, "/example%2520space/"),
        ("/example%20space/", true, "/example%20space/"),
        ("/photos/a+b(1).jpg", true, "/photos/a%2Bb%281%29.jpg"),
        ("/a/./b/../c//", true, "/a/./b/../c//"),
        ("/a/./b/../c//", false, "/a/c/"),
        ("", false, "/"),
    ])
    func encodesThePathByTheServicesRules(path: String, s3: Bool, canonical: String) {
        #expect(AWSSignatureV4.canonicalPath(path, singleEncoding: s3) == canonical)
    }

    @Test func readsAPlusInTheQueryAsASpace() {
        #expect(AWSSignatureV4.canonicalQuery("q=a+b&empty&x=%7e") == "empty=&q=a%20b&x=~")
    }

    @Test func hashesAFileBodyAsItsBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("upload.bin")
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: file)
        #expect(try AWSSignatureV4.payloadHash(of: .file(file)) == SHA256.hash(data: bytes).hexText)
        #expect(throws: PorticoError.self) { try AWSSignatureV4.payloadHash(of: .file(folder.url.appendingPathComponent("missing"))) }
    }

    @Test func putsThePortInTheHostOnlyWhenItIsNotTheDefault() {
        #expect(AWSSignatureV4.host(of: URL(string: "http://127.0.0.1:8642/aws/echo")!) == "127.0.0.1:8642")
        #expect(AWSSignatureV4.host(of: URL(string: "https://example.amazonaws.com:443/")!) == "example.amazonaws.com")
        #expect(AWSSignatureV4.host(of: URL(string: "http://example.com/")!) == "example.com")
    }
}

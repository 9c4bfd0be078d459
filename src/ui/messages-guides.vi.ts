/**
 * Vietnamese text of the guides in the app (issue 17, "Guides"): short illustrated steps per
 * workflow, the first sign-in tour, and the "about the pilot" page with its default text (a
 * commune's own text, set online, replaces the default). The steps name the app's buttons as
 * they are written, so a reader finds them on the screen.
 */
import type { AboutPilotSection } from '../domain/about-pilot';

export const guidesMessages = {
  guides: {
    nav: 'Hướng dẫn',
    link: 'Hướng dẫn cho màn hình này',
    title: 'Hướng dẫn sử dụng',
    intro: 'Các bước ngắn cho từng việc. Dùng được cả khi không có mạng.',
    step: (n: number, of: number) => `Bước ${n}/${of}`,
    all: 'Tất cả hướng dẫn',
    notFound: 'Không có hướng dẫn này.',
    practiceHint: 'Muốn làm thử mà không đụng đến dữ liệu thật? Dùng chế độ luyện tập ở màn hình Cài đặt.',
    items: {
      roster: {
        title: 'Tìm người và xem hồ sơ',
        steps: [
          'Gõ vài chữ đầu của họ tên, không cần dấu: “ng v binh” tìm ra “Nguyễn Văn Bình”. Gõ số định danh, CMND hoặc số điện thoại cũng được.',
          'Hoặc bấm “Quét CCCD để tìm” và đưa mã QR trên thẻ căn cước vào khung camera.',
          'Bấm vào tên để mở hồ sơ: hình thức nhận, người nhận thay, tình trạng mở tài khoản, các tháng đã chi.',
        ],
      },
      enrol: {
        title: 'Đăng ký người mới',
        steps: [
          'Bấm “Thêm đối tượng mới” trên màn hình Danh sách.',
          'Bấm “Quét mã QR trên CCCD để điền”: họ tên, ngày sinh, giới tính, số định danh tự điền. Kiểm tra lại.',
          'Chọn nhóm đối tượng, thôn/tổ, số điện thoại. Ứng dụng tự tính mức trợ cấp.',
          'Bấm “Lưu đối tượng mới”. Khi không có mạng, thông tin vẫn được lưu trên máy và gửi đi khi có mạng.',
        ],
      },
      method: {
        title: 'Đăng ký hình thức nhận tiền',
        steps: [
          'Mở hồ sơ của người, đến phần “Đăng ký hình thức nhận”.',
          'Chọn một trong bốn cách: tài khoản ngân hàng, ví Mobile Money, tiền mặt tại điểm chi trả, chi trả tại nhà.',
          'Ghi tên ngân hàng, hoặc nhà cung cấp ví và số điện thoại của ví, hoặc lý do chi trả tại nhà.',
          'Bấm lưu. Phần “Mở tài khoản” cho biết người này đủ giấy tờ hay còn thiếu gì.',
        ],
      },
      idCheck: {
        title: 'Kiểm tra thẻ căn cước bằng mã QR',
        steps: [
          'Mở “Kiểm tra CCCD” hoặc bấm kiểm tra trong hồ sơ của người.',
          'Bấm “Bật camera quét mã QR”, đưa mã QR trên thẻ vào khung. Không quét được thì chụp ảnh thẻ hoặc gõ số.',
          'Ứng dụng so từng thông tin trên thẻ với hồ sơ: khớp, không khớp hoặc thiếu.',
          'Lưu kết quả kiểm tra; nếu thông tin sai, sửa hồ sơ.',
        ],
      },
      pay: {
        title: 'Chi trả tại nhà, có biên nhận',
        steps: [
          'Mở “Chi trả”, chọn người trong danh sách tháng.',
          'Chọn người nhận: chính đối tượng, người giám hộ hoặc người được ủy quyền.',
          'Quét thẻ căn cước của người nhận để đối chiếu; không quét được thì ghi lý do.',
          'Đọc số tiền bằng chữ cho người nhận nghe, mời ký vào máy, rồi bấm “Xác nhận đã chi trả”.',
          'Đưa người nhận xem biên nhận có mã kiểm tra. Không cần mạng.',
        ],
      },
      unpaid: {
        title: 'Khi không chi được: vắng nhà, từ chối…',
        steps: [
          'Trên màn hình chi trả, ở phần “Chưa chi trả được”, chọn lý do rồi bấm “Ghi nhận chưa chi trả”.',
          'Nếu cần đến lại, ghi ngày hẹn thăm lại.',
          'Người đó hiện ở phần “Thăm lại” trong danh sách đi chi trả của mình.',
        ],
      },
      cash: {
        title: 'Sổ quỹ tiền mặt trong ngày',
        steps: [
          'Sáng: mở “Tiền mặt”, ghi tiền nhận, có chữ ký của người giao tiền.',
          'Mỗi lần chi trả, số dư tự giảm; số đã chi luôn bằng tổng các biên nhận.',
          'Chiều: đếm tiền theo từng mệnh giá; nếu lệch, ghi lý do.',
          'In bảng kê cuối ngày và ký.',
        ],
      },
      receipt: {
        title: 'Kiểm tra một biên nhận',
        steps: [
          'Mở “Kiểm tra biên nhận”.',
          'Bấm “Bật camera quét mã QR” và quét mã trên biên nhận (màn hình hoặc giấy in).',
          'Ứng dụng cho biết biên nhận có hợp lệ không, máy nào lập, cho ai, bao nhiêu tiền, ngày nào. Không cần mạng.',
        ],
      },
      sync: {
        title: 'Làm việc không có mạng và đồng bộ',
        steps: [
          'Mọi việc làm trên máy được xếp hàng chờ gửi; thanh trên cùng cho biết còn bao nhiêu thao tác chờ gửi.',
          'Khi có mạng, ứng dụng tự gửi. Có thể bấm “Đồng bộ ngay”.',
          'Nếu hai người cùng sửa một hồ sơ, cán bộ giám sát xem và chọn bên đúng; không mất dữ liệu.',
          'Máy tự khóa khi không dùng; mở bằng mã PIN.',
        ],
      },
      outreach: {
        title: 'Ngày truyền thông: bàn đăng ký',
        steps: [
          'Mở “Ngày truyền thông”. Người đến: tìm theo tên, số CMND, hoặc quét thẻ, rồi thêm vào hàng chờ.',
          'Bấm “Tiếp nhận”: quét thẻ để ghi số định danh, kiểm tra số điện thoại, chọn hình thức nhận.',
          'Ghi giấy tờ người đó mang theo; nếu cần làm thẻ căn cước mới, ghi ngày hẹn ở công an xã/phường.',
          'Bấm “Lưu và in phiếu”, đưa phiếu cho người dân, rồi bấm “Người tiếp theo”.',
          'Cuối ngày: bấm “In số liệu ngày” để báo cáo xã.',
        ],
      },
      readiness: {
        title: 'Rà soát mở tài khoản',
        steps: [
          'Mở “Mở tài khoản”: mọi người được chia thành đủ hồ sơ, thiếu giấy tờ, cần làm thẻ căn cước.',
          'Mỗi người có ghi thiếu gì. Khi giấy tờ đến, sửa hồ sơ: người đó tự chuyển sang nhóm khác.',
          'Người cần thẻ mới: ghi lịch hẹn ở công an xã/phường, rồi ngày cấp và số định danh trên thẻ mới.',
          'Tải danh sách đủ hồ sơ để gửi ngân hàng hoặc nhà cung cấp ví.',
        ],
      },
      practice: {
        title: 'Luyện tập trên xã mẫu',
        steps: [
          'Ở màn hình đăng nhập hoặc Cài đặt, bấm “Luyện tập (không dùng dữ liệu thật)”.',
          'Đăng nhập bằng “canbo”, “chitra” hoặc “giamsat”, mật khẩu bất kỳ.',
          'Làm thử mọi việc trên “Xã Luyện Tập”. Màn hình có dải tím “LUYỆN TẬP”; không gì được gửi đi.',
          'In thẻ căn cước luyện tập để tập quét mã QR. Xong thì bấm “Thoát chế độ luyện tập”.',
        ],
      },
    },
    tour: {
      offer: 'Lần đầu dùng ứng dụng? Xem giới thiệu nhanh (4 bước).',
      start: 'Xem giới thiệu',
      again: 'Xem lại giới thiệu nhanh',
      later: 'Để sau',
      next: 'Tiếp',
      back: 'Quay lại',
      done: 'Xong',
      close: 'Đóng giới thiệu',
      title: 'Giới thiệu nhanh',
      steps: [
        {
          title: 'Danh sách của xã nằm trên máy',
          text: 'Tìm người, xem và sửa hồ sơ, chi trả — kể cả khi không có mạng.',
        },
        {
          title: 'Mọi việc được gửi khi có mạng',
          text: 'Thanh trên cùng cho biết có mạng không và còn bao nhiêu thao tác chờ gửi.',
        },
        {
          title: 'Máy tự khóa',
          text: 'Khi không dùng một lúc, máy khóa; mở bằng mã PIN. Dữ liệu trên máy được mã hóa.',
        },
        {
          title: 'Cần giúp? Bấm “Hướng dẫn”',
          text: 'Mỗi màn hình có hướng dẫn từng bước. Muốn làm thử, dùng chế độ luyện tập trong Cài đặt.',
        },
      ],
    },
    about: {
      nav: 'Giới thiệu thí điểm',
      title: 'Nhận trợ cấp xã hội không dùng tiền mặt',
      lead: 'Trang này để cán bộ xã đưa người dân xem trên máy tính bảng.',
      commune: 'Xã/phường',
      print: 'In trang này',
      custom: (commune: string) => `Nội dung của ${commune}.`,
      standard: 'Nội dung chung của ứng dụng (xã chưa soạn nội dung riêng).',
      edit: 'Sửa nội dung',
      editTitle: (commune: string) => `Sửa trang giới thiệu của ${commune}`,
      editHint: 'Người dân đọc trang này: viết ngắn, dễ hiểu, có số điện thoại để hỏi. Mỗi phần tối đa 2.000 ký tự.',
      save: 'Lưu nội dung',
      reset: 'Dùng lại nội dung chung',
      cancel: 'Hủy',
      saved: 'Đã lưu. Các máy của xã nhận nội dung mới khi đồng bộ.',
      needsConnection: 'Cần có mạng để lưu nội dung.',
      problems: {
        empty: (section: string) => `Phần “${section}” chưa có nội dung.`,
        'too-long': (section: string) => `Phần “${section}” dài quá 2.000 ký tự.`,
      },
      sections: {
        whatChanges: 'Điều gì thay đổi',
        openAccount: 'Cách mở tài khoản',
        fees: 'Phí',
        help: 'Hỏi ở đâu',
      } satisfies Record<AboutPilotSection, string>,
      defaults: {
        whatChanges:
          'Xã đang thí điểm chi trả trợ cấp xã hội qua tài khoản ngân hàng hoặc ví điện tử (Mobile Money).\nAi muốn vẫn nhận tiền mặt tại điểm chi trả; người già yếu, khuyết tật nặng vẫn được chi trả tại nhà.\nSố tiền trợ cấp không thay đổi.',
        openAccount:
          'Mang thẻ căn cước (bản gốc). Nếu chỉ có CMND cũ, cần làm thẻ căn cước tại công an xã trước.\nNgười nhận thay mang thẻ căn cước của mình và giấy ủy quyền có xác nhận của UBND xã (hoặc giấy tờ giám hộ).\nCán bộ xã giúp làm hồ sơ; ngân hàng hoặc nhà cung cấp ví mở tài khoản và giao thẻ.',
        fees: 'Không mất phí mở tài khoản để nhận trợ cấp. Tiền trợ cấp chuyển vào tài khoản không bị trừ phí.\nKhông đưa mã PIN, mật khẩu hay mã OTP cho bất kỳ ai, kể cả người tự xưng là cán bộ.',
        help: 'Hỏi cán bộ chính sách xã tại UBND xã, hoặc nhân viên chi trả khi đến điểm chi trả.\nNếu tháng nào chưa nhận được tiền, báo ngay cho cán bộ xã.',
      } satisfies Record<AboutPilotSection, string>,
    },
  },
};

// The office's shared reply templates as the demo starts. Placeholders are filled by the app.

export interface Template {
  id: string;
  name: string;
  language: string;
  subject: string;
  body: string;
  updated_at: string;
}

export function seededTemplates(updatedAt: string): Template[] {
  return [
    {
      id: 'tpl-thanks-ja',
      name: 'ご意見へのお礼',
      language: 'ja',
      subject: '【{{office_name}}】ご意見をお寄せいただきありがとうございます',
      body: [
        'このたびは、{{received_date}}に「{{theme}}」に関する{{category}}をお寄せいただき、誠にありがとうございました。',
        '',
        'いただいたご意見は、担当部署と共有し、今後の政策の検討に当たって参考とさせていただきます。',
        'なお、個別のご意見への回答は差し控えさせていただく場合がございますので、あらかじめご了承ください。',
        '',
        '今後とも、政府の取組へのご理解とご協力を賜りますよう、よろしくお願い申し上げます。',
        '',
        '{{office_name}}',
        '担当：{{staff_name}}',
      ].join('\n'),
      updated_at: updatedAt,
    },
    {
      id: 'tpl-transfer-ja',
      name: '関係省庁への回付のお知らせ',
      language: 'ja',
      subject: '【{{office_name}}】お寄せいただいたご意見の取扱いについて',
      body: [
        '{{received_date}}にお寄せいただいた「{{theme}}」に関する{{category}}につきまして、',
        '内容を所管する府省庁へお伝えいたしました。',
        '',
        '所管府省庁において、今後の施策の参考とさせていただきます。',
        '貴重なご意見をありがとうございました。',
        '',
        '{{office_name}}',
        '担当：{{staff_name}}',
      ].join('\n'),
      updated_at: updatedAt,
    },
    {
      id: 'tpl-question-ja',
      name: 'お問い合わせへの回答（窓口のご案内）',
      language: 'ja',
      subject: '【{{office_name}}】お問い合わせについて',
      body: [
        '{{received_date}}にお問い合わせいただいた件についてご回答いたします。',
        '',
        'お問い合わせの内容は、制度を所管する窓口にて詳しくご案内しております。',
        'お手数ですが、各府省庁の相談窓口へ直接お問い合わせくださいますようお願いいたします。',
        '',
        '{{office_name}}',
        '担当：{{staff_name}}',
      ].join('\n'),
      updated_at: updatedAt,
    },
    {
      id: 'tpl-thanks-en',
      name: 'Thank you (English)',
      language: 'en',
      subject: '[{{office_name}}] Thank you for your message',
      body: [
        'Thank you for the {{category}} about {{theme}} that you sent us on {{received_date}}.',
        '',
        'We have shared it with the ministries concerned, and it will be taken into account in future policy work.',
        'Please understand that we may not be able to reply to each message individually.',
        '',
        'Kind regards,',
        '{{staff_name}}',
        '{{office_name}}',
      ].join('\n'),
      updated_at: updatedAt,
    },
  ];
}
